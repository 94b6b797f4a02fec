import { Readable } from "node:stream";
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

/** 200 with the whole file, 206 for one byte range (so video can seek), 416 for a range outside it. */
export function fileResponse(file: ServableFile, request: Request): Response {
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Accept-Ranges": "bytes",
    // Keys change whenever content changes (revisions), so a stored file never changes under its key.
    "Cache-Control": "private, max-age=31536000, immutable",
    "Last-Modified": file.mtime.toUTCString(),
  });
  if (new URL(request.url).searchParams.has("download"))
    headers.set("Content-Disposition", `attachment; filename="${file.downloadName}"`);
  const range = parseByteRange(request.headers.get("range"), file.size);
  if (range === "unsatisfiable") {
    throw new AppError("range_not_satisfiable", "The requested byte range is outside the file.", {
      "Content-Range": `bytes */${file.size}`,
    });
  }
  const status = range ? 206 : 200;
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  headers.set("Content-Length", String(end - start + 1));
  if (range) headers.set("Content-Range", `bytes ${start}-${end}/${file.size}`);
  if (request.method === "HEAD" || file.size === 0) return new Response(null, { status, headers });
  return new Response(Readable.toWeb(file.open({ start, end })) as ReadableStream<Uint8Array>, { status, headers });
}
