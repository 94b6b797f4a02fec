import { NextResponse } from "next/server";
import { quoteNewJob } from "@/lib/costs/quote-new-job";
import { defineRoute } from "@/lib/http/define-route";
import { estimateQuerySchema } from "@/lib/jobs/schemas";

export const dynamic = "force-dynamic";

// What a job with these settings would cost on the configured back end, before anything is spent.
export const GET = defineRoute({ query: estimateQuerySchema }, async ({ query }) => {
  return NextResponse.json(quoteNewJob(query), { headers: { "Cache-Control": "no-store" } });
});
