import { randomBytes } from "node:crypto";
import type http from "node:http";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { problemOf } from "@/lib/http/error-body";
import { log } from "@/lib/log";
import { limitRequestBody } from "./body-limit";
import { clientAddress } from "./client-address";
import { ASSET_PREFIX, IMPORT_PATH, MEDIA_PREFIX, SHARE_PREFIX, UPLOAD_PATH } from "./edge-paths";
import { sendError, toHeaders } from "./node-answer";
import { bodyLimit, checkRequest, type GuardOptions } from "./request-guard";
import { traceRequest } from "./request-trace";
import { securityHeaders } from "./security-headers";
import { streamImport } from "./stream-import";
import { streamMedia } from "./stream-media";
import { streamUpload } from "./stream-upload";

export interface EdgeOptions {
  guard: GuardOptions;
  trustProxy: boolean;
  development: boolean;
  /** Next's request handler: everything the Node server does not answer itself. */
  next: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
}

type StreamedAnswer = (req: http.IncomingMessage, res: http.ServerResponse, rawPath: string) => Promise<void>;

/** The streamed answers, before Next: each reads its own body (Next.js would buffer it) or writes its own bytes. */
function streamedAnswer(method: string, rawPath: string): StreamedAnswer | null {
  if (rawPath.startsWith(MEDIA_PREFIX) || rawPath.startsWith(SHARE_PREFIX)) return streamMedia;
  if (rawPath === UPLOAD_PATH && method === "POST") return streamUpload;
  if (rawPath === IMPORT_PATH && method === "POST") return streamImport;
  return null;
}

/**
 * Every request, in order: traced (id, timing, count), checked by the guard before a byte of its body is read,
 * invited to send its body, given its security headers and body limit, then answered by a streamed answer or Next.
 */
export function createEdgeHandler(options: EdgeOptions): http.RequestListener {
  const { guard, development } = options;
  const answer = (req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): void => {
    const method = req.method ?? "GET";
    const refusal = checkRequest({ method, rawPath, headers: toHeaders(req.headers) }, guard);
    if (refusal) {
      for (const [name, value] of Object.entries(securityHeaders({ nonce: null, development }))) res.setHeader(name, value);
      // The body may still be on its way: it is not read, and the connection is not kept for another request.
      return sendError(res, refusal, { close: true });
    }
    // Only a request the guard let through is invited to send its body.
    if (req.headers.expect?.toLowerCase() === "100-continue") res.writeContinue();

    // The address rate limits count by: this socket's peer, or the proxy's word for it when TRUST_PROXY is set.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, options.trustProxy);
    const isPage = !rawPath.startsWith("/api/") && !rawPath.startsWith(ASSET_PREFIX);
    const security = securityHeaders({ nonce: isPage ? randomBytes(16).toString("base64") : null, development });
    // Next reads the policy from the request to put the nonce on its own scripts.
    if (isPage) req.headers["content-security-policy"] = security["Content-Security-Policy"];
    for (const [name, value] of Object.entries(security)) res.setHeader(name, value);
    // Whatever reads the body next (Next.js, the upload's busboy) gets no more than the route's limit.
    const limit = bodyLimit(method, rawPath, guard);
    limitRequestBody(req, res, limit.maxBytes, limit.refusal, security);
    const streamed = streamedAnswer(method, rawPath);
    if (streamed) return void streamed(req, res, rawPath);
    options.next(req, res).catch((error: unknown) => {
      log.error("request failed", { error, path: rawPath });
      if (!res.headersSent) sendError(res, problemOf(error));
    });
  };
  return (req, res) => {
    const rawPath = (req.url ?? "/").split("?")[0]!;
    traceRequest(req, res, rawPath, () => answer(req, res, rawPath));
  };
}
