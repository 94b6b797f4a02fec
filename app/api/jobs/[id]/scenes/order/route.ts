import { NextResponse } from "next/server";
import { getCurrentClientId } from "@/lib/clients/current-client";
import { reorderScenes } from "@/lib/jobs/edit-storyboard";
import { getJobView } from "@/lib/jobs/queries";
import { reorderScenesSchema } from "@/lib/jobs/schemas";
import { readJsonBody } from "@/lib/http/read-json-body";
import { parseId, type IdParams } from "@/lib/http/route-params";
import { withErrors } from "@/lib/http/route-handler";

export const PUT = withErrors(async (request: Request, { params }: IdParams<"id">) => {
  const jobId = parseId((await params).id, "That job");
  const { sceneIds } = reorderScenesSchema.parse(await readJsonBody(request));
  const clientId = await getCurrentClientId();
  await reorderScenes(clientId, jobId, sceneIds);
  return NextResponse.json(await getJobView(clientId, jobId));
});
