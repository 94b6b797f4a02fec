import type http from "node:http";
import type { Duplex } from "node:stream";
import { REQUEST_ID_HEADER } from "@/lib/http/request-id";
import { sendErrorOnSocket, toHeaders } from "./node-answer";
import { finishRequestTrace, startRequestTrace } from "./request-trace";
import { checkRequest, type GuardOptions } from "./request-guard";

/**
 * Next.js attaches its own 'upgrade' listener to the server on its first request, and an upgrade never passes the
 * 'request' handler, so the guard (Host, DNS rebinding) would not see it. Storyreel serves no WebSocket: only the
 * development server's hot reload (under /_next/) may upgrade, on a host the guard allows; anything else is
 * answered 404 (traced and counted like any request) and closed before Next's listener runs.
 */
export function guardUpgrades(server: http.Server, options: GuardOptions, development: boolean): void {
  server.prependListener("upgrade", (req: http.IncomingMessage, socket: Duplex) => {
    const rawPath = (req.url ?? "/").split("?")[0]!;
    const headers = toHeaders(req.headers);
    const allowed = development && rawPath.startsWith("/_next/") && !checkRequest({ method: "GET", rawPath, headers }, options);
    if (allowed) return;
    const trace = startRequestTrace(req.method ?? "GET", rawPath, req.headers[REQUEST_ID_HEADER]);
    const problem = { status: 404, code: "not_found", message: "Nothing here takes a WebSocket or any other upgrade." } as const;
    sendErrorOnSocket(socket, problem, { requestId: trace.requestId });
    finishRequestTrace(trace, problem.status);
  });
}
