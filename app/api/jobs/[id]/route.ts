import { NextResponse } from "next/server";
import { getCurrentClientId } from "@/lib/clients/current-client";
import { etagMatches } from "@/lib/jobs/job-view";
import { getJobEtag, getJobView } from "@/lib/jobs/queries";
import { parseId, type IdParams } from "@/lib/http/route-params";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

// The polling hot path: an unchanged job costs one primary-key lookup and a 304.
export const GET = withErrors(async (request: Request, { params }: IdParams<"id">) => {
  const id = parseId((await params).id, "That job");
  const clientId = await getCurrentClientId();
  const etag = await getJobEtag(clientId, id);
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  const job = await getJobView(clientId, id);
  return NextResponse.json(job, { headers });
});
