import { NextResponse } from "next/server";
import { outlookForNewJob } from "@/lib/costs/budget-outlook";
import { assertWithinJobBudget } from "@/lib/costs/job-budget";
import { quoteNewJob } from "@/lib/costs/quote-new-job";
import { defineRoute } from "@/lib/http/define-route";
import { estimateQuerySchema } from "@/lib/jobs/schemas";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// What a job with these settings would cost on the configured back end, before anything is spent, and whether
// today's budget holds it.
const estimate = defineRoute({ query: estimateQuerySchema }, async ({ query, caller }) => {
  const quote = quoteNewJob(query);
  assertWithinJobBudget(quote);
  const budget = await outlookForNewJob(caller.userId, quote, query.sceneCount);
  return NextResponse.json({ ...quote, budget }, { headers: { "Cache-Control": "no-store" } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: estimate });
