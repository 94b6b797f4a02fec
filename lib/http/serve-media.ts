import type http from "node:http";
import { pipeline } from "node:stream/promises";
import { AppError, invalidInput } from "@/lib/errors";
import { findOwnedMedia } from "@/lib/jobs/media-access";
import { findSharedVideo, SHARE_PREFIX } from "@/lib/jobs/share-links";
import { log } from "@/lib/log";
import { parseImageVariant } from "@/lib/media/image-variants";
import { resolveCaller } from "./caller";
import { answerFileRequest } from "./file-response";

export const MEDIA_PREFIX = "/api/media/";
export { SHARE_PREFIX };
const ALLOW = "GET, HEAD, OPTIONS";

function sendError(res: http.ServerResponse, error: AppError, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message } });
  res.writeHead(error.status, {
    ...error.headers,
    ...extra,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * GET/HEAD /api/media/<key>: a stored file of one of the caller's jobs, byte for byte. Served by the Node
 * server in front of Next.js, because Next.js re-frames route responses and drops their Content-Length.
 */
export function toHeaders(incoming: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
  }
  return headers;
}

export async function serveMedia(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): Promise<void> {
  try {
    const method = req.method ?? "GET";
    if (method === "OPTIONS") return void res.writeHead(204, { Allow: ALLOW }).end();
    if (method !== "GET" && method !== "HEAD") {
      return sendError(res, new AppError("method_not_allowed", `${method} is not allowed on ${rawPath}; it takes ${ALLOW}.`), {
        Allow: ALLOW,
      });
    }
    const url = new URL(req.url ?? "/", "http://media");
    const variant = parseImageVariant(url.searchParams);
    // A share link carries its own proof (signed, expiring); every other file needs its owner's session or token.
    if (variant && rawPath.startsWith(SHARE_PREFIX)) throw invalidInput("A shared video has no other sizes.");
    const file = rawPath.startsWith(SHARE_PREFIX)
      ? await findSharedVideo(rawPath.slice(SHARE_PREFIX.length))
      : await findOwnedMedia(
          (await resolveCaller(toHeaders(req.headers))).userId,
          decodeURIComponent(rawPath.slice(MEDIA_PREFIX.length)),
          variant,
        );
    const answer = answerFileRequest(file, {
      method,
      range: req.headers.range ?? null,
      download: url.searchParams.has("download"),
    });
    res.writeHead(answer.status, answer.headers);
    if (!answer.range) return void res.end();
    await pipeline(file.open(answer.range), res);
  } catch (error) {
    if (error instanceof AppError) return sendError(res, error);
    // A player that seeks closes the connection mid-file: that is how video works, not a failure.
    if ((error as NodeJS.ErrnoException).code === "ERR_STREAM_PREMATURE_CLOSE" || res.destroyed) return;
    log.error("serving media failed", { error, path: rawPath });
    if (!res.headersSent) sendError(res, new AppError("internal", "Something went wrong on the server. Please try again."));
    else res.destroy();
  }
}
