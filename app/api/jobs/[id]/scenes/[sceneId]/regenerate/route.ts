import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { regenerateScene } from "@/lib/jobs/edit-storyboard";
import { limitRegeneration } from "@/lib/auth/limits";
import { getJobView } from "@/lib/jobs/queries";
import { routeMethods } from "@/lib/http/route-methods";

const regenerate = defineRoute({ ids: { id: "That job", sceneId: "That scene" } }, async ({ caller, ids }) => {
  await limitRegeneration(caller.userId);
  await regenerateScene(caller.userId, ids.id, ids.sceneId);
  return NextResponse.json(await getJobView(caller.userId, ids.id), { status: 202 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: regenerate });
