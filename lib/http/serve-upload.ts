import { randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { discardTemp, pathForKey } from "@/lib/storage/file-storage";
import { uploadTempKey } from "@/lib/storage/keys";
import { receiveUpload } from "@/lib/uploads/receive-upload";
import { storeUpload } from "@/lib/uploads/store-upload";
import { uploadLimits } from "@/lib/uploads/upload-limits";
import { resolveCaller } from "./caller";
import { toHeaders } from "./serve-media";

export { UPLOAD_PATH } from "./request-guard";

function answer(res: http.ServerResponse, status: number, body: unknown, close: boolean, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...extra,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...(close ? { Connection: "close" } : {}),
  });
  res.end(text);
}

/**
 * POST /api/uploads: one file, streamed to a temp file as it arrives (never held in memory) and cut off at the
 * limit. Served by the Node server in front of Next.js, which owns the socket: a refused upload is answered at
 * once and the connection closed, instead of reading the rest of a 100 MB body first.
 */
export async function serveUpload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const tempPath = pathForKey(uploadTempKey(`${randomBytes(12).toString("hex")}.part`));
  // The connection closing before the answer is sent: the sender is gone, and so is the point of decoding.
  const abandoned = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) abandoned.abort();
  });
  let bodyRead = false;
  let outcome: { status: number; body: unknown; headers?: Record<string, string> };
  try {
    const caller = await resolveCaller(toHeaders(req.headers));
    await fsp.mkdir(path.dirname(tempPath), { recursive: true });
    const received = await receiveUpload(req, tempPath, uploadLimits().anyBytes);
    bodyRead = true;
    const { asset, created } = await storeUpload(caller.userId, received, abandoned.signal);
    outcome = { status: created ? 201 : 200, body: asset, headers: created ? { Location: asset.url } : {} };
  } catch (error) {
    if (!(error instanceof AppError)) log.error("upload failed", { error });
    const known = error instanceof AppError ? error : null;
    outcome = {
      status: known?.status ?? 500,
      body: {
        error: { code: known?.code ?? "internal", message: known?.message ?? "The upload could not be stored; try again." },
      },
      headers: known?.headers,
    };
  }
  // Nothing of a request outlives its answer.
  await discardTemp(tempPath);
  answer(res, outcome.status, outcome.body, !bodyRead, outcome.headers);
  // What is still on its way is not read: the answer is sent, then the connection goes.
  if (!bodyRead) res.once("finish", () => req.destroy());
}
