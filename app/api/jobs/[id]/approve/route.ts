import { NextResponse } from "next/server";
import { getCurrentClientId } from "@/lib/clients/current-client";
import { getJobView } from "@/lib/jobs/queries";
import { approveStoryboard } from "@/lib/jobs/review-actions";
import { parseId, type IdParams } from "@/lib/http/route-params";
import { withErrors } from "@/lib/http/route-handler";

export const POST = withErrors(async (_request: Request, { params }: IdParams<"id">) => {
  const id = parseId((await params).id, "That job");
  const clientId = await getCurrentClientId();
  await approveStoryboard(clientId, id);
  return NextResponse.json(await getJobView(clientId, id));
});
