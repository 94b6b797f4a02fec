import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { createJob } from "@/lib/jobs/create-job";
import { listJobs } from "@/lib/jobs/queries";
import { createJobSchema, listJobsQuerySchema } from "@/lib/jobs/schemas";

export const dynamic = "force-dynamic";

export const POST = defineRoute({ body: createJobSchema }, async ({ caller, body }) => {
  const job = await createJob(caller.clientId, body);
  return NextResponse.json(job, { status: 201, headers: { Location: job.links.self } });
});

export const GET = defineRoute({ query: listJobsQuerySchema }, async ({ caller, query }) => {
  return NextResponse.json(await listJobs(caller.clientId, query), { headers: { "Cache-Control": "no-store" } });
});
