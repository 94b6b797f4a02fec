import type http from "node:http";

/** Set by the server on every request it passes on (any value a client sent is overwritten). */
export const CLIENT_ADDRESS_HEADER = "x-storyreel-client-address";

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

export const addressOf = (headers: Headers) => headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
