import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { limitRegeneration } from "@/lib/auth/limits";
import { addScene } from "@/lib/jobs/edit-storyboard";
import { getJobView } from "@/lib/jobs/queries";
import { addSceneSchema } from "@/lib/jobs/schemas";

export const dynamic = "force-dynamic";

// POST /api/jobs/:id/scenes: a new scene, drawn from its prompt (while the storyboard waits, or on a finished video).
const add = defineRoute({ ids: { id: "That job" }, body: addSceneSchema }, async ({ caller, ids, body }) => {
  await limitRegeneration(caller.userId);
  const scene = await addScene(caller.userId, ids.id, body);
  return NextResponse.json({ sceneId: scene.id, job: await getJobView(caller.userId, ids.id) }, { status: 201 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: add });
