import { randomUUID } from "node:crypto";
import { log } from "@/lib/log";
import { currentLogContext, runWithLogContext } from "@/lib/logging/log-context";
import { metrics } from "@/lib/metrics/metrics";
import { routePattern } from "./route-pattern";

// The one place a request gets its id, its timing, its access line and its count, whether the Node server
// answers it (media, uploads, imports, refusals) or passes it to Next's routes.

export const REQUEST_ID_HEADER = "x-request-id";
/** Set by the Node server on every request it passes to Next (any value a client sent is overwritten). */
export const TRACED_HEADER = "x-storyreel-traced";

// A caller's own id is kept when it is short and plain (a proxy's UUID, a trace id); anything else is replaced.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(offered: string | string[] | null | undefined): string {
  const value = Array.isArray(offered) ? offered[0] : offered;
  return value && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

export interface RequestTrace {
  requestId: string;
  method: string;
  rawPath: string;
  route: string;
  startedAt: bigint;
}

export function startRequestTrace(
  method: string,
  rawPath: string,
  offeredId: string | string[] | null | undefined,
): RequestTrace {
  return {
    requestId: requestIdFrom(offeredId),
    method,
    rawPath,
    route: routePattern(rawPath),
    startedAt: process.hrtime.bigint(),
  };
}

/** Runs the request's handling with its id on every log line written for it. */
export function runTraced<T>(trace: RequestTrace, handle: () => T): T {
  return runWithLogContext({ requestId: trace.requestId }, handle);
}

/** Counted and timed once, when the answer is complete; an answer cut off before its headers counts as 499. */
export function finishRequestTrace(trace: RequestTrace, status: number): void {
  const seconds = Number(process.hrtime.bigint() - trace.startedAt) / 1e9;
  const method = trace.method.toUpperCase();
  const m = metrics();
  m.httpRequests.inc({ method, route: trace.route, status: String(status) });
  m.httpDuration.observe({ method, route: trace.route }, seconds);
  // Static assets are many and tell nothing; every other request gets one line.
  if (trace.route.startsWith("/_next/")) return;
  const fields = {
    requestId: trace.requestId,
    method,
    path: trace.rawPath,
    route: trace.route,
    status,
    ms: Math.round(seconds * 1000),
  };
  if (status >= 500) log.warn("request answered", fields);
  else log.info("request answered", fields);
}

/**
 * A route handler's side of the trace. Behind the Node server the request is counted and timed there: here it only
 * keeps its id on the lines the handler writes. Without it (next dev, next start) the route traces it itself.
 */
export function traceRouteRequest(request: Request, handle: () => Promise<Response>): Promise<Response> {
  if (currentLogContext()?.requestId) return handle();
  if (request.headers.get(TRACED_HEADER)) {
    return runWithLogContext({ requestId: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)) }, handle);
  }
  return traceFetchRequest(request, handle);
}

async function traceFetchRequest(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const trace = startRequestTrace(request.method, new URL(request.url).pathname, request.headers.get(REQUEST_ID_HEADER));
  let status = 500;
  try {
    const response = await runTraced(trace, handle);
    status = response.status;
    return withRequestId(response, trace.requestId);
  } finally {
    finishRequestTrace(trace, status);
  }
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    // Immutable headers (Response.redirect): the same answer, with headers of our own.
    const headers = new Headers(response.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
