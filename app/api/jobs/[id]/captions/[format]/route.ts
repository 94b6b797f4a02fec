import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { notFound } from "@/lib/errors";
import { jobCaptions } from "@/lib/jobs/job-captions";

export const dynamic = "force-dynamic";

const TYPES = { vtt: "text/vtt; charset=utf-8", srt: "application/x-subrip; charset=utf-8" } as const;

// GET /api/jobs/:id/captions/vtt | srt: the captions as a subtitle file to download.
const captions = defineRoute({ ids: { id: "That job" } }, async ({ caller, ids, params }) => {
  const format = params.format;
  if (format !== "vtt" && format !== "srt") throw notFound("That caption format (use vtt or srt)");
  return new Response(await jobCaptions(caller.userId, ids.id, format), {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="storyreel-${ids.id}.${format}"`,
      "Cache-Control": "private, no-cache",
    },
  });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: captions });
