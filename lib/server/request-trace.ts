import type http from "node:http";
import { REQUEST_ID_HEADER, requestIdFrom, TRACED_HEADER } from "@/lib/http/request-id";
import { log } from "@/lib/log";
import { runWithLogContext } from "@/lib/logging/log-context";
import { metrics } from "@/lib/metrics/metrics";
import { routeLabel } from "./route-label";

// The one place a request gets its id, its timing, its access line and its count, whether the Node server
// answers it (media, uploads, imports, refusals) or passes it to Next's routes and pages.

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
    route: routeLabel(rawPath),
    startedAt: process.hrtime.bigint(),
  };
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
 * Traces one request of the Node server: its id on the answer (where every error body reads it), on the request
 * Next's routes read, and on every log line written while it is handled; counted once its answer is complete.
 */
export function traceRequest(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, handle: () => void): void {
  const trace = startRequestTrace(req.method ?? "GET", rawPath, req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, trace.requestId);
  req.headers[REQUEST_ID_HEADER] = trace.requestId;
  req.headers[TRACED_HEADER] = "1";
  res.once("close", () => finishRequestTrace(trace, socketAnswers.get(res) ?? (res.headersSent ? res.statusCode : 499)));
  runWithLogContext({ requestId: trace.requestId }, handle);
}

// Answers written to the socket around `res` (a body cut off at its limit), by the status they gave.
const socketAnswers = new WeakMap<http.ServerResponse, number>();

/** Counts an answer written to the socket itself under its own status, not as one cut off (499). */
export function noteSocketAnswer(res: http.ServerResponse, status: number): void {
  socketAnswers.set(res, status);
}

/** The id `traceRequest` gave the request this answer is for, or null outside one. */
export function requestIdOf(res: http.ServerResponse): string | null {
  const id = res.getHeader(REQUEST_ID_HEADER);
  return typeof id === "string" ? id : null;
}
