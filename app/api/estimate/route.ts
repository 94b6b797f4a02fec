import { NextResponse } from "next/server";
import { estimateJobCost } from "@/lib/costs/estimate-cost";
import { getEnv } from "@/lib/env";
import { estimateQuerySchema } from "@/lib/jobs/schemas";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

// What a job with these settings would cost on the configured back end, before anything is spent.
export const GET = withErrors(async (request: Request) => {
  const query = estimateQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const provider = getEnv().provider;
  return NextResponse.json({ provider, ...estimateJobCost({ provider, ...query }) }, { headers: { "Cache-Control": "no-store" } });
});
