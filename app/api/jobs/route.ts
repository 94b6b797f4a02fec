import { NextResponse } from "next/server";
import { getCurrentClientId } from "@/lib/clients/current-client";
import { createJob } from "@/lib/jobs/create-job";
import { listJobs } from "@/lib/jobs/queries";
import { createJobSchema, listJobsQuerySchema } from "@/lib/jobs/schemas";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const POST = withErrors(async (request: Request) => {
  const input = createJobSchema.parse(await readJsonBody(request));
  const clientId = await getCurrentClientId();
  const job = await createJob(clientId, input);
  return NextResponse.json(job, { status: 201, headers: { Location: job.links.self } });
});

export const GET = withErrors(async (request: Request) => {
  const url = new URL(request.url);
  const query = listJobsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const clientId = await getCurrentClientId();
  return NextResponse.json(await listJobs(clientId, query), { headers: { "Cache-Control": "no-store" } });
});
