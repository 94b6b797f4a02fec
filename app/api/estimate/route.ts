import { NextResponse } from "next/server";
import { assertWithinJobBudget } from "@/lib/costs/job-budget";
import { quoteNewJob } from "@/lib/costs/quote-new-job";
import { defineRoute } from "@/lib/http/define-route";
import { estimateQuerySchema } from "@/lib/jobs/schemas";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// What a job with these settings would cost on the configured back end, before anything is spent.
const estimate = defineRoute({ query: estimateQuerySchema }, async ({ query }) => {
  const quote = quoteNewJob(query);
  assertWithinJobBudget(quote);
  return NextResponse.json(quote, { headers: { "Cache-Control": "no-store" } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: estimate });
