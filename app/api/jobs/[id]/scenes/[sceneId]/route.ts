import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { editScene, removeScene } from "@/lib/jobs/edit-storyboard";
import { getJobView } from "@/lib/jobs/queries";
import { editSceneSchema } from "@/lib/jobs/schemas";
import { routeMethods } from "@/lib/http/route-methods";

const ids = { id: "That job", sceneId: "That scene" };

const edit = defineRoute({ ids, body: editSceneSchema }, async ({ caller, ids, body }) => {
  await editScene(caller.userId, ids.id, ids.sceneId, body);
  return NextResponse.json(await getJobView(caller.userId, ids.id));
});

const remove = defineRoute({ ids }, async ({ caller, ids }) => {
  await removeScene(caller.userId, ids.id, ids.sceneId);
  return NextResponse.json(await getJobView(caller.userId, ids.id));
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ PATCH: edit, DELETE: remove });
