import { NextResponse } from "next/server";
import { withErrors } from "@/lib/http/route-handler";
import { routeMethods } from "@/lib/http/route-methods";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

const health = withErrors(async () => {
  const report = await checkHealth();
  return NextResponse.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: health });
