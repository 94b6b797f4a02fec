import { NextResponse } from "next/server";
import { getCurrentClientId } from "@/lib/clients/current-client";
import { editScene, removeScene } from "@/lib/jobs/edit-storyboard";
import { getJobView } from "@/lib/jobs/queries";
import { editSceneSchema } from "@/lib/jobs/schemas";
import { readJsonBody } from "@/lib/http/read-json-body";
import { parseId, type IdParams } from "@/lib/http/route-params";
import { withErrors } from "@/lib/http/route-handler";

export const PATCH = withErrors(async (request: Request, { params }: IdParams<"id" | "sceneId">) => {
  const { id, sceneId } = await params;
  const jobId = parseId(id, "That job");
  const input = editSceneSchema.parse(await readJsonBody(request));
  const clientId = await getCurrentClientId();
  await editScene(clientId, jobId, parseId(sceneId, "That scene"), input);
  return NextResponse.json(await getJobView(clientId, jobId));
});

export const DELETE = withErrors(async (_request: Request, { params }: IdParams<"id" | "sceneId">) => {
  const { id, sceneId } = await params;
  const jobId = parseId(id, "That job");
  const clientId = await getCurrentClientId();
  await removeScene(clientId, jobId, parseId(sceneId, "That scene"));
  return NextResponse.json(await getJobView(clientId, jobId));
});
