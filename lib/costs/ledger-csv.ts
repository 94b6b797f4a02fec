import { getDb } from "@/lib/db/client";
import { REPORT_DAYS, type Viewer } from "./spend-report";
import { lastBudgetDays } from "./budget-day";
import { getEnv } from "@/lib/env";

const COLUMNS = ["started_at", "finished_at", "job_id", "user", "kind", "model", "status", "cost_usd", "basis", "prediction_id"];

/**
 * One CSV field. A cell that starts like a formula is prefixed with an apostrophe, so a spreadsheet shows a
 * prompt-injected "=HYPERLINK(...)" as text instead of running it.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Every call of the last 30 budget days, oldest first: what the ledger recorded, for a spreadsheet. */
export async function ledgerCsv(viewer: Viewer, now = new Date()): Promise<string> {
  const since = lastBudgetDays(now, getEnv().BUDGET_TIMEZONE, REPORT_DAYS)[0]!.start;
  const rows = await getDb().generation.findMany({
    where: { startedAt: { gte: since }, job: viewer.isAdmin ? {} : { userId: viewer.userId } },
    orderBy: { startedAt: "asc" },
    select: {
      startedAt: true,
      finishedAt: true,
      jobId: true,
      kind: true,
      model: true,
      status: true,
      costUsd: true,
      costBasis: true,
      externalId: true,
      job: { select: { owner: { select: { email: true } } } },
    },
  });
  const lines = rows.map((r) =>
    [
      r.startedAt.toISOString(),
      r.finishedAt?.toISOString() ?? null,
      r.jobId,
      r.job.owner.email,
      r.kind,
      r.model,
      r.status,
      Number(r.costUsd.toFixed(6)),
      r.costBasis,
      r.externalId,
    ]
      .map(csvField)
      .join(","),
  );
  return [COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}
