import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { reorderScenes } from "@/lib/jobs/edit-storyboard";
import { getJobView } from "@/lib/jobs/queries";
import { reorderScenesSchema } from "@/lib/jobs/schemas";
import { routeMethods } from "@/lib/http/route-methods";

const reorder = defineRoute({ ids: { id: "That job" }, body: reorderScenesSchema }, async ({ caller, ids, body }) => {
  await reorderScenes(caller.userId, ids.id, body.sceneIds);
  return NextResponse.json(await getJobView(caller.userId, ids.id));
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ PUT: reorder });
