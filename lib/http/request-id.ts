import { randomUUID } from "node:crypto";
import { currentLogContext } from "@/lib/logging/log-context";

export const REQUEST_ID_HEADER = "x-request-id";
/** Set by the Node server on every request it passes to Next (any value a client sent is overwritten). */
export const TRACED_HEADER = "x-storyreel-traced";

// A caller's own id is kept when it is short and plain (a proxy's UUID, a trace id); anything else is replaced.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(offered: string | string[] | null | undefined): string {
  const value = Array.isArray(offered) ? offered[0] : offered;
  return value && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * The id the Node server gave this request (lib/server/request-trace.ts), or null when it did not pass one:
 * a client's own x-request-id counts only once the server has checked it and written it back.
 */
export function edgeRequestId(headers: Headers): string | null {
  const current = currentLogContext()?.requestId;
  if (current) return current;
  return headers.get(TRACED_HEADER) ? requestIdFrom(headers.get(REQUEST_ID_HEADER)) : null;
}
