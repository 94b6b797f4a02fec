import { createHash } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Busboy from "busboy";
import { AppError, invalidInput } from "@/lib/errors";
import { megabytes } from "./upload-limits";

export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  bytes: number;
  /** The name the browser sent, made safe to show (never used as a path). */
  name: string;
}

/** The name to show: at most 200 characters; a name with a path or control characters in it is refused (400). */
export function displayName(raw: string | undefined): string {
  const name = (raw ?? "").trim();
  if (/[/\\\u0000-\u001f\u007f]/.test(name)) {
    throw invalidInput("The file name may not contain a path or control characters: send the file under its own name.");
  }
  return name.slice(0, 200) || "upload";
}

/**
 * Streams the one file of a multipart/form-data request (field `file`) to `tempPath`, hashing and counting as
 * it arrives; never more than `maxBytes` is written. Refusals are AppErrors: 413 past the limit (the caller
 * stops reading the request), 400 for a request without exactly one file in `file`, or one cut off.
 */
export function receiveUpload(req: IncomingMessage, tempPath: string, maxBytes: number): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024, parts: 12 },
        defParamCharset: "utf8",
        // The name as sent, so a path in it is seen (and refused) rather than quietly cut off.
        preservePath: true,
      });
    } catch {
      return reject(invalidInput('The upload is not valid multipart/form-data: send the file in a form field named "file".'));
    }
    let settled = false;
    let writing: Promise<ReceivedFile> | null = null;
    let extraFile = false;
    let current: Readable | null = null;
    // Settles only once the file on disk is closed, so the caller's cleanup cannot race a late write.
    const fail = async (error: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(busboy);
      current?.destroy();
      if (writing) await writing.catch(() => undefined);
      reject(error);
    };
    busboy.on("file", (field, file, info) => {
      if (field !== "file" || writing) {
        extraFile ||= writing !== null;
        file.resume();
        return;
      }
      let name: string;
      try {
        name = displayName(info.filename);
      } catch (error) {
        file.resume();
        return void fail(error as AppError);
      }
      current = file;
      const hash = createHash("sha256");
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      file.on(
        "limit",
        () =>
          void fail(
            new AppError(
              "payload_too_large",
              `The file is larger than ${megabytes(maxBytes)}, the most an upload may be; nothing was kept.`,
            ),
          ),
      );
      writing = pipeline(file, counter, fs.createWriteStream(tempPath, { flags: "wx" })).then(() => ({
        tempPath,
        sha256: hash.digest("hex"),
        bytes,
        name,
      }));
      writing.catch(() => undefined);
    });
    busboy.on("filesLimit", () => (extraFile = true));
    busboy.on(
      "error",
      () =>
        void fail(
          invalidInput(
            "The upload is not valid multipart/form-data: a part could not be read (a control character in the file name?).",
          ),
        ),
    );
    busboy.on("close", async () => {
      if (settled) return;
      if (extraFile) return void fail(invalidInput("Send one file per upload."));
      if (!writing) return void fail(invalidInput('Send the file in a multipart form field named "file".'));
      try {
        const received = await writing;
        if (received.bytes === 0) return void fail(invalidInput("The file is empty (0 bytes)."));
        settled = true;
        resolve(received);
      } catch {
        void fail(invalidInput("The upload was cut off before it finished."));
      }
    });
    req.on("close", () => {
      if (!req.complete) void fail(invalidInput("The upload was cut off before it finished."));
    });
    req.pipe(busboy);
  });
}
