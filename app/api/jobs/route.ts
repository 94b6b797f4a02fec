import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { createJob } from "@/lib/jobs/create-job";
import { limitJobCreation } from "@/lib/auth/limits";
import { listJobs } from "@/lib/jobs/queries";
import { createJobSchema, listJobsQuerySchema } from "@/lib/jobs/schemas";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

const create = defineRoute({ body: createJobSchema }, async ({ caller, body }) => {
  await limitJobCreation(caller.userId);
  const job = await createJob(caller.userId, body);
  return NextResponse.json(job, { status: 201, headers: { Location: job.links.self } });
});

const list = defineRoute({ query: listJobsQuerySchema }, async ({ caller, query }) => {
  return NextResponse.json(await listJobs(caller.userId, query), { headers: { "Cache-Control": "no-store" } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: list, POST: create });
