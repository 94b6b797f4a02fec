import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { regenerateScene } from "@/lib/jobs/edit-storyboard";
import { getJobView } from "@/lib/jobs/queries";

export const POST = defineRoute({ ids: { id: "That job", sceneId: "That scene" } }, async ({ caller, ids }) => {
  await regenerateScene(caller.clientId, ids.id, ids.sceneId);
  return NextResponse.json(await getJobView(caller.clientId, ids.id), { status: 202 });
});
