import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { etagMatches } from "@/lib/jobs/job-view";
import { getJobEtag, getJobView } from "@/lib/jobs/queries";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// The polling hot path: an unchanged job costs one primary-key lookup and a 304.
const show = defineRoute({ ids: { id: "That job" } }, async ({ request, caller, ids }) => {
  const etag = await getJobEtag(caller.clientId, ids.id);
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return NextResponse.json(await getJobView(caller.clientId, ids.id), { headers });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: show });
