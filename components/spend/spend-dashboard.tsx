import Link from "next/link";
import { ScrollTable } from "@/components/ui/scroll-table";
import { formatCost } from "@/components/format";
import { buttonStyles } from "@/components/ui/styles";
import type { SpendReport } from "@/lib/costs/spend-report";
import type { RefinementReport } from "@/lib/reports/refinement-report";
import { DailySpendChart } from "./daily-spend-chart";
import { ModelSpendChart } from "./model-spend-chart";
import { QualityPanel } from "./quality-panel";
import { Figure, Section } from "./spend-section";

const money = (usd: number) => (usd === 0 ? "$0.00" : formatCost(usd));
const percent = (ratio: number) => {
  const whole = Math.round(ratio * 100);
  return whole === 0 ? "0%" : `${whole > 0 ? "+" : "−"}${Math.abs(whole)}%`;
};
const ALERT_KINDS: Record<string, string> = {
  soft_cap: "Soft limit passed",
  over_estimate: "Over its estimate",
  cap_refusal: "Refused by a limit",
};

const th = "px-3 py-2 text-left font-medium text-zinc-400";
const td = "px-3 py-2 tabular-nums";

export function SpendDashboard({ report, quality }: { report: SpendReport; quality: RefinementReport }) {
  const { today, perVideo, estimates } = report;
  const hardLeft = Math.max(0, today.hardUsd - today.spentUsd - today.heldUsd);
  const underTarget = perVideo.averageUsd <= perVideo.targetUsd;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Spend</h1>
          <p className="mt-1 text-sm text-zinc-400">
            {report.scope === "studio" ? "The whole studio" : "Your videos"} over the last 30 days; days run midnight to midnight{" "}
            {report.timeZone}.
          </p>
        </div>
        <a href="/api/spend/ledger" className={buttonStyles.secondary} download>
          Download the ledger (CSV)
        </a>
      </div>

      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Figure
          label={`Today (${today.date})`}
          value={money(today.spentUsd)}
          note={`${money(today.heldUsd)} more held for work in progress`}
          testId="spent-today"
        />
        <Figure
          label="Left today"
          value={money(hardLeft)}
          note={`Hard limit ${money(today.hardUsd)} · soft ${money(today.softUsd)}${today.personUsd != null ? ` · yours ${money(today.personUsd)}` : ""}`}
          testId="left-today"
        />
        <Figure label="Last 30 days" value={money(report.totalUsd)} testId="spent-30-days" />
        <Figure
          label="Per finished video"
          value={perVideo.finished ? money(perVideo.averageUsd) : "—"}
          note={
            perVideo.finished
              ? `${perVideo.finished} finished · target under ${money(perVideo.targetUsd)} · ${underTarget ? "on target" : "over target"}`
              : `No finished videos yet · target under ${money(perVideo.targetUsd)}`
          }
          testId="per-video"
        />
      </dl>

      <QualityPanel report={quality} />

      <Section title="Spend per day">
        <DailySpendChart days={report.days} softUsd={today.softUsd} hardUsd={today.hardUsd} personUsd={today.personUsd} />
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-zinc-300">The figures, day by day</summary>
          <ScrollTable caption="Spend per day" className="mt-2 w-full max-w-md text-sm" testId="daily-table">
            <thead>
              <tr>
                <th className={th}>Day</th>
                <th className={th}>Spent</th>
              </tr>
            </thead>
            <tbody>
              {report.days.map((d) => (
                <tr key={d.date} className="border-t border-zinc-800">
                  <td className={td}>{d.date}</td>
                  <td className={td}>{money(d.usd)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </details>
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="By model" testId="by-model">
          <ModelSpendChart models={report.byModel} />
          <ScrollTable caption="Spend by model" className="mt-3 w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Model</th>
                <th className={th}>Calls</th>
                <th className={th}>Spent</th>
              </tr>
            </thead>
            <tbody>
              {report.byModel.map((m) => (
                <tr key={m.model} className="border-t border-zinc-800">
                  <td className="px-3 py-2 break-all">{m.model}</td>
                  <td className={td}>{m.calls}</td>
                  <td className={td}>{money(m.usd)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </Section>
        {report.byUser && (
          <Section title="By person" testId="by-user">
            <ScrollTable caption="Spend by person" className="w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>Person</th>
                  <th className={th}>Spent</th>
                  <th className={th}>Share</th>
                </tr>
              </thead>
              <tbody>
                {report.byUser.map((u) => (
                  <tr key={u.email} className="border-t border-zinc-800">
                    <td className="px-3 py-2">{u.email}</td>
                    <td className={td}>{money(u.usd)}</td>
                    <td className={td}>{report.totalUsd > 0 ? `${Math.round((u.usd / report.totalUsd) * 100)}%` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </Section>
        )}
      </div>

      <Section title="Most expensive videos" testId="top-jobs">
        {report.topJobs.length === 0 ? (
          <p className="text-sm text-zinc-400">No paid videos in these 30 days.</p>
        ) : (
          <ScrollTable caption="The most expensive videos" className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Video</th>
                {report.byUser && <th className={th}>Person</th>}
                <th className={th}>Status</th>
                <th className={th}>Estimate</th>
                <th className={th}>Spent</th>
              </tr>
            </thead>
            <tbody>
              {report.topJobs.map((j) => (
                <tr key={j.id} className="border-t border-zinc-800">
                  <td className="px-3 py-2">
                    {j.mine ? (
                      <Link href={`/jobs/${j.id}`} className="text-violet-300 hover:underline">
                        {j.prompt}
                      </Link>
                    ) : (
                      j.prompt
                    )}
                  </td>
                  {report.byUser && <td className="px-3 py-2">{j.email}</td>}
                  <td className="px-3 py-2">{j.status.replace("_", " ")}</td>
                  <td className={td}>{money(j.estimatedUsd)}</td>
                  <td className={td}>{money(j.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </Section>

      <Section title="Estimates against what was spent" testId="estimates">
        <p className="text-sm text-zinc-300" data-testid="estimate-accuracy">
          {estimates.compared === 0
            ? "No finished paid videos to compare yet."
            : `${estimates.withinTolerance} of ${estimates.compared} finished videos cost within ${Math.round(estimates.tolerance * 100)}% of their estimate.`}
        </p>
        {estimates.jobs.length > 0 && (
          <ScrollTable caption="Estimates against what was spent" className="mt-3 w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Video</th>
                <th className={th}>Estimate</th>
                <th className={th}>Spent</th>
                <th className={th}>Off by</th>
              </tr>
            </thead>
            <tbody>
              {estimates.jobs.map((e) => (
                <tr key={e.id} className="border-t border-zinc-800">
                  <td className="px-3 py-2">{e.prompt}</td>
                  <td className={td}>{money(e.estimatedUsd)}</td>
                  <td className={td}>{money(e.costUsd)}</td>
                  <td className={td}>
                    {percent(e.offBy)}
                    {Math.abs(e.offBy) > estimates.tolerance ? " (outside)" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </Section>

      {report.alerts && (
        <Section title="Alerts" testId="alerts">
          {report.alerts.length === 0 ? (
            <p className="text-sm text-zinc-400">No alerts.</p>
          ) : (
            <ul className="space-y-3 text-sm">
              {report.alerts.map((a) => (
                <li key={a.id} className="rounded-md border border-amber-800/60 bg-amber-950/20 p-3">
                  <p className="font-medium text-amber-200">
                    {ALERT_KINDS[a.kind] ?? a.kind} ·{" "}
                    <time dateTime={a.createdAt}>{a.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
                  </p>
                  <p className="mt-1 text-zinc-200">{a.message}</p>
                  {a.deliveryError && <p className="mt-1 text-xs text-red-300">Not posted to the webhook: {a.deliveryError}</p>}
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}
    </div>
  );
}
