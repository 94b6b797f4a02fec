import { Readable } from "node:stream";
import { AppError, notFound } from "@/lib/errors";
import { parseByteRange } from "@/lib/http/byte-range";
import { jobBelongsTo } from "@/lib/jobs/queries";
import { openReadStream, statKey } from "./file-storage";
import { parseMediaKey } from "./keys";

const CONTENT_TYPES: Record<string, string> = { mp4: "video/mp4", jpg: "image/jpeg" };

/** Streams a stored file the client owns, honouring single byte ranges so video can seek. */
export async function serveMedia(
  clientId: string,
  rawKey: string,
  request: { range: string | null; download: boolean; method: string },
): Promise<Response> {
  const parsed = parseMediaKey(rawKey);
  if (!parsed || !(await jobBelongsTo(clientId, parsed.jobId))) throw notFound("That file");
  const stat = await statKey(parsed.key);
  if (!stat) throw notFound("That file");
  const ext = parsed.key.split(".").pop() ?? "";
  const headers = new Headers({
    "Content-Type": CONTENT_TYPES[ext] ?? "application/octet-stream",
    "Accept-Ranges": "bytes",
    // Keys change whenever content changes (revisions), so a stored file never changes under its key.
    "Cache-Control": "private, max-age=31536000, immutable",
    "Last-Modified": stat.mtime.toUTCString(),
  });
  if (request.download) headers.set("Content-Disposition", `attachment; filename="storyreel-${parsed.jobId}.${ext}"`);
  const range = parseByteRange(request.range, stat.size);
  if (range === "unsatisfiable") {
    throw new AppError("range_not_satisfiable", "The requested byte range is outside the file.", {
      "Content-Range": `bytes */${stat.size}`,
    });
  }
  const status = range ? 206 : 200;
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  headers.set("Content-Length", String(end - start + 1));
  if (range) headers.set("Content-Range", `bytes ${start}-${end}/${stat.size}`);
  if (request.method === "HEAD" || stat.size === 0) return new Response(null, { status, headers });
  const body = Readable.toWeb(openReadStream(parsed.key, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}
