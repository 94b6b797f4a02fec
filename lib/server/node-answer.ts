import { STATUS_CODES, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { errorAnswer, type HttpProblem } from "@/lib/http/error-body";
import { REQUEST_ID_HEADER } from "@/lib/http/request-id";
import { requestIdOf } from "./request-trace";

// How the Node server writes its own answers: JSON, errors in the API's one body (lib/http/error-body.ts).

/** `close`: the body may still be on its way and is not read, so the connection is not kept for another request. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  options: { headers?: Record<string, string>; close?: boolean } = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...options.headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...(options.close ? { Connection: "close" } : {}),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, problem: HttpProblem, options: { close?: boolean } = {}): void {
  const answer = errorAnswer(problem, requestIdOf(res));
  res.writeHead(answer.status, {
    ...answer.headers,
    "Content-Length": Buffer.byteLength(answer.body),
    ...(options.close ? { Connection: "close" } : {}),
  });
  res.end(answer.body);
}

/**
 * An error answer written to the socket itself, when there is no `res` to write it through (an upgrade) or `res`
 * is still Next's (a body cut off at the limit); then the connection goes.
 */
export function sendErrorOnSocket(
  socket: Duplex,
  problem: HttpProblem,
  options: { headers?: Record<string, string>; requestId?: string | null } = {},
): void {
  const answer = errorAnswer(problem, options.requestId);
  const lines = Object.entries({
    ...options.headers,
    ...answer.headers,
    ...(options.requestId ? { [REQUEST_ID_HEADER]: options.requestId } : {}),
    "Content-Length": String(Buffer.byteLength(answer.body)),
    Connection: "close",
  }).map(([name, value]) => `${name}: ${value}`);
  const head = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ""}\r\n${lines.join("\r\n")}\r\n\r\n`;
  socket.end(head + answer.body, () => socket.destroy());
}

/** Node's request headers as a web Headers, for code shared with Next's routes (resolving the caller). */
export function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
  }
  return headers;
}
