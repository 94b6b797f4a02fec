import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { setMusic } from "@/lib/jobs/edit-storyboard";
import { getJobView } from "@/lib/jobs/queries";
import { setMusicSchema } from "@/lib/jobs/schemas";

export const dynamic = "force-dynamic";

// PUT /api/jobs/:id/music { uploadId | null }: the music bed of the next version (earlier versions keep theirs).
const put = defineRoute({ ids: { id: "That job" }, body: setMusicSchema }, async ({ caller, ids, body }) => {
  await setMusic(caller.userId, ids.id, body.uploadId);
  return NextResponse.json(await getJobView(caller.userId, ids.id));
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ PUT: put });
