import type http from "node:http";
import { pipeline } from "node:stream/promises";
import { AppError, invalidInput } from "@/lib/errors";
import { resolveCaller } from "@/lib/http/caller";
import { problemOf } from "@/lib/http/error-body";
import { answerFileRequest } from "@/lib/http/file-response";
import { findOwnedMedia } from "@/lib/jobs/media-access";
import { findSharedVideo } from "@/lib/jobs/share-links";
import { log } from "@/lib/log";
import { parseImageVariant } from "@/lib/media/image-variants";
import { MEDIA_PREFIX, SHARE_PREFIX } from "./edge-paths";
import { sendError, toHeaders } from "./node-answer";

const ALLOW = "GET, HEAD, OPTIONS";

/**
 * GET/HEAD /api/media/<key>: a stored file of one of the caller's jobs, byte for byte; /api/share/<link>: a shared
 * video. Served by the Node server in front of Next.js, because Next.js re-frames route responses and drops their
 * Content-Length.
 */
export async function streamMedia(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): Promise<void> {
  try {
    const method = req.method ?? "GET";
    if (method === "OPTIONS") return void res.writeHead(204, { Allow: ALLOW }).end();
    if (method !== "GET" && method !== "HEAD") {
      throw new AppError("method_not_allowed", `${method} is not allowed on ${rawPath}; it takes ${ALLOW}.`, { Allow: ALLOW });
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
    if (error instanceof AppError) return sendError(res, problemOf(error));
    // A player that seeks closes the connection mid-file: that is how video works, not a failure.
    if ((error as NodeJS.ErrnoException).code === "ERR_STREAM_PREMATURE_CLOSE" || res.destroyed) return;
    log.error("serving media failed", { error, path: rawPath });
    if (!res.headersSent) sendError(res, problemOf(error));
    else res.destroy();
  }
}
