import type http from "node:http";

/**
 * The address rate limits count by. Behind a trusted proxy, the rightmost X-Forwarded-For entry: the one that
 * proxy appended for the peer it saw. Every entry left of it came from the client, who can write anything there.
 */
export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? String(req.headers["x-forwarded-for"] ?? "")
        .split(",")
        .at(-1)
        ?.trim()
    : "";
  return forwarded || req.socket.remoteAddress || "unknown";
}
