/** Set by the Node server on every request it passes on (any value a client sent is overwritten). */
export const CLIENT_ADDRESS_HEADER = "x-storyreel-client-address";

/** The address rate limits count by, as the Node server in front wrote it (lib/server/client-address.ts). */
export const addressOf = (headers: Headers) => headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
