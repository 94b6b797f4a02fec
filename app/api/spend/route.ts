import { NextResponse } from "next/server";
import { spendReport } from "@/lib/costs/spend-report";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// The spend dashboard's figures: the whole studio for admins, one's own for everyone else.
const report = defineRoute({}, async ({ caller }) =>
  NextResponse.json(await spendReport(caller), { headers: { "Cache-Control": "no-store" } }),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: report });
