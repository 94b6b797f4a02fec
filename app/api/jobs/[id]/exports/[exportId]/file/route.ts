import { Readable } from "node:stream";
import { findExportFile } from "@/lib/exports/exports";
import { defineRoute } from "@/lib/http/define-route";
import { answerFileRequest } from "@/lib/http/file-response";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// GET /api/jobs/:id/exports/:exportId/file: the finished export as a download, with byte ranges.
const download = defineRoute({ ids: { id: "That job", exportId: "That export" } }, async ({ caller, ids, request }) => {
  const file = await findExportFile(caller.userId, ids.id, ids.exportId);
  const answer = answerFileRequest(file, { method: request.method, range: request.headers.get("range"), download: true });
  const body = answer.range ? (Readable.toWeb(file.open(answer.range)) as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: answer.status, headers: answer.headers });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: download });
