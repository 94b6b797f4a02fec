import { NextResponse } from "next/server";
import { spendReport } from "@/lib/costs/spend-report";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { refinementReport } from "@/lib/reports/refinement-report";

export const dynamic = "force-dynamic";

// The spend dashboard's figures: the whole studio for admins, one's own for everyone else; `quality` is the
// approval and refinement measures, one's own and (for admins) the studio's.
const report = defineRoute({}, async ({ caller }) => {
  const [spend, quality] = await Promise.all([spendReport(caller), refinementReport(caller)]);
  return NextResponse.json({ ...spend, quality }, { headers: { "Cache-Control": "no-store" } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: report });
