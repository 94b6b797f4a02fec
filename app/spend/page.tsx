import type { Metadata } from "next";
import { SpendDashboard } from "@/components/spend/spend-dashboard";
import { spendReport } from "@/lib/costs/spend-report";
import { callerForPage } from "@/lib/http/page-caller";
import { refinementReport } from "@/lib/reports/refinement-report";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Spend · Storyreel" };

export default async function SpendPage() {
  const caller = await callerForPage("/spend");
  const [report, quality] = await Promise.all([spendReport(caller), refinementReport(caller)]);
  return <SpendDashboard report={report} quality={quality} />;
}
