import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getEnv } from "@/lib/env";
import { AppError, invalidInput } from "@/lib/errors";
import { log } from "@/lib/log";
import { importProject } from "@/lib/projects/import-project";
import { discardTemp, pathForKey } from "@/lib/storage/file-storage";
import { uploadTempKey } from "@/lib/storage/keys";
import { megabytes } from "@/lib/uploads/upload-limits";
import { resolveCaller } from "./caller";
import { toHeaders } from "./serve-media";

export { IMPORT_PATH } from "./request-guard";

export const importMaxBytes = () => getEnv().PROJECT_IMPORT_MAX_MB * 1024 * 1024;

/** The raw body to `tempPath`, never more than `maxBytes` of it (413 past that, and the rest is not read). */
async function receiveZip(req: http.IncomingMessage, tempPath: string, maxBytes: number): Promise<void> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        return done(
          new AppError(
            "payload_too_large",
            `The project ZIP is larger than ${megabytes(maxBytes)}, the most one import may be; nothing was imported.`,
          ),
        );
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, counter, fs.createWriteStream(tempPath, { flags: "wx" }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidInput("The project ZIP was cut off before it finished; nothing was imported.");
  }
  if (bytes === 0) throw invalidInput("The body is empty: send the project ZIP itself, with Content-Type: application/zip.");
}

/**
 * POST /api/jobs/import: a project ZIP as the raw body (Content-Type: application/zip; the request guard refuses
 * anything else with 415), streamed to a temp file under the uploads temp folder, then checked and made into a
 * job (lib/projects/import-project.ts). Served by the Node server in front of Next.js, which would buffer the body.
 */
export async function serveImport(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const tempPath = pathForKey(uploadTempKey(`${randomBytes(12).toString("hex")}.zip.part`));
  const abandoned = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) abandoned.abort();
  });
  let bodyRead = false;
  let status: number;
  let body: unknown;
  const headers: Record<string, string> = {};
  try {
    const caller = await resolveCaller(toHeaders(req.headers));
    await fsp.mkdir(path.dirname(tempPath), { recursive: true });
    await receiveZip(req, tempPath, importMaxBytes());
    bodyRead = true;
    const job = await importProject(caller.userId, tempPath, abandoned.signal);
    status = 201;
    body = job;
    headers.Location = job.links.self;
  } catch (error) {
    if (!(error instanceof AppError)) log.error("project import failed", { error });
    const known = error instanceof AppError ? error : null;
    status = known?.status ?? 500;
    body = {
      error: { code: known?.code ?? "internal", message: known?.message ?? "The project could not be imported; try again." },
    };
    Object.assign(headers, known?.headers);
  }
  await discardTemp(tempPath);
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...(bodyRead ? {} : { Connection: "close" }),
  });
  res.end(text);
  if (!bodyRead) res.once("finish", () => req.destroy());
}
