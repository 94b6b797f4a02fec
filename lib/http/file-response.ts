import type { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { parseByteRange } from "./byte-range";

/** A file the caller may read, as the HTTP edge needs it. */
export interface ServableFile {
  size: number;
  mtime: Date;
  contentType: string;
  /** Offered to the browser when the request asks to download (`?download=1`). */
  downloadName: string;
  open(range: { start: number; end: number }): Readable;
}

export interface FileAnswer {
  status: 200 | 206;
  headers: Record<string, string>;
  /** The bytes to send; null for HEAD and empty files. */
  range: { start: number; end: number } | null;
}

/**
 * 200 with the whole file, 206 for one byte range (so video can seek), 416 (thrown) for a range outside
 * it; with its exact Content-Length, so players and download managers know the size.
 */
export function answerFileRequest(
  file: ServableFile,
  request: { method: string; range: string | null; download: boolean },
): FileAnswer {
  const headers: Record<string, string> = {
    "Content-Type": file.contentType,
    "Accept-Ranges": "bytes",
    // Keys change whenever content changes (revisions), so a stored file never changes under its key.
    "Cache-Control": "private, max-age=31536000, immutable",
    "Last-Modified": file.mtime.toUTCString(),
  };
  if (request.download) headers["Content-Disposition"] = `attachment; filename="${file.downloadName}"`;
  const range = parseByteRange(request.range, file.size);
  if (range === "unsatisfiable") {
    throw new AppError("range_not_satisfiable", "The requested byte range is outside the file.", {
      "Content-Range": `bytes */${file.size}`,
    });
  }
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  headers["Content-Length"] = String(end - start + 1);
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${file.size}`;
  const send = request.method !== "HEAD" && file.size > 0;
  return { status: range ? 206 : 200, headers, range: send ? { start, end } : null };
}
