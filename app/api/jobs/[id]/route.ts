import { defineRoute } from "@/lib/http/define-route";
import { etagMatches } from "@/lib/jobs/job-view";
import { waitForJobChange } from "@/lib/jobs/job-poll-wait";
import { getJobEtag, getJobViewBody } from "@/lib/jobs/queries";
import { jobPollQuerySchema } from "@/lib/jobs/schemas";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// The polling hot path: an unchanged job costs one primary-key lookup and a 304. With `?wait=N` and the ETag the
// client holds, the 304 comes after up to N seconds unless the job changes first (then the 200 comes at once).
const show = defineRoute({ ids: { id: "That job" }, query: jobPollQuerySchema }, async ({ request, caller, ids, query }) => {
  const held = request.headers.get("if-none-match");
  let etag = await getJobEtag(caller.userId, ids.id);
  if (query.wait && etagMatches(held, etag)) {
    etag = await waitForJobChange({
      userId: caller.userId,
      jobId: ids.id,
      etag,
      seconds: query.wait,
      signal: request.signal,
    });
  }
  const cacheControl = { "Cache-Control": "private, no-cache" };
  if (etagMatches(held, etag)) return new Response(null, { status: 304, headers: { ETag: etag, ...cacheControl } });
  const view = await getJobViewBody(caller.userId, ids.id, etag);
  return new Response(view.body, { headers: { ETag: view.etag, "Content-Type": "application/json", ...cacheControl } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: show });
