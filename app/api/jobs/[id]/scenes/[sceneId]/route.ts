import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { editScene, removeScene } from "@/lib/jobs/edit-storyboard";
import { getJobView } from "@/lib/jobs/queries";
import { editSceneSchema } from "@/lib/jobs/schemas";

const ids = { id: "That job", sceneId: "That scene" };

export const PATCH = defineRoute({ ids, body: editSceneSchema }, async ({ caller, ids, body }) => {
  await editScene(caller.clientId, ids.id, ids.sceneId, body);
  return NextResponse.json(await getJobView(caller.clientId, ids.id));
});

export const DELETE = defineRoute({ ids }, async ({ caller, ids }) => {
  await removeScene(caller.clientId, ids.id, ids.sceneId);
  return NextResponse.json(await getJobView(caller.clientId, ids.id));
});
