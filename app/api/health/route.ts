import { NextResponse } from "next/server";
import { z } from "zod";
import { withErrors } from "@/lib/http/route-handler";
import { routeMethods } from "@/lib/http/route-methods";
import { checkHealth } from "@/lib/health";
import { checkReadiness } from "@/lib/readiness";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  ready: z
    .enum(["1"], { error: 'The parameter "ready" takes 1 (is this process ready for work?) or is left out (is it alive?).' })
    .optional(),
});

// Liveness without `ready`, readiness with `ready=1` (lib/readiness.ts): 503 tells a balancer to wait.
const health = withErrors(async (request: Request) => {
  const query = querySchema.parse({ ready: new URL(request.url).searchParams.get("ready") ?? undefined });
  const headers = { "Cache-Control": "no-store" };
  if (query.ready) {
    const readiness = await checkReadiness();
    return NextResponse.json(readiness, { status: readiness.ready ? 200 : 503, headers });
  }
  const report = await checkHealth();
  return NextResponse.json(report, { status: report.status === "ok" ? 200 : 503, headers });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: health });
