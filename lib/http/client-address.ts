import type http from "node:http";

/** Set by the server on every request it passes on (any value a client sent is overwritten). */
export const CLIENT_ADDRESS_HEADER = "x-storyreel-client-address";

export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? String(req.headers["x-forwarded-for"] ?? "")
        .split(",")[0]
        ?.trim()
    : "";
  return forwarded || req.socket.remoteAddress || "unknown";
}

export const addressOf = (headers: Headers) => headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
