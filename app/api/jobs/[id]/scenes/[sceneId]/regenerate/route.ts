import { NextResponse } from "next/server";
import { getCurrentClientId } from "@/lib/clients/current-client";
import { regenerateScene } from "@/lib/jobs/edit-storyboard";
import { getJobView } from "@/lib/jobs/queries";
import { parseId, type IdParams } from "@/lib/http/route-params";
import { withErrors } from "@/lib/http/route-handler";

export const POST = withErrors(async (_request: Request, { params }: IdParams<"id" | "sceneId">) => {
  const { id, sceneId } = await params;
  const jobId = parseId(id, "That job");
  const clientId = await getCurrentClientId();
  await regenerateScene(clientId, jobId, parseId(sceneId, "That scene"));
  return NextResponse.json(await getJobView(clientId, jobId), { status: 202 });
});
