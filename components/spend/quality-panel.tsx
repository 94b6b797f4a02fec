import { formatCost } from "@/components/format";
import type { Standing, Verdict } from "@/lib/reports/quality-targets";
import type { QualityFigures, RefinementReport } from "@/lib/reports/refinement-report";
import { Section } from "./spend-section";

const money = (usd: number) => (usd === 0 ? "$0.00" : formatCost(usd));
const wholePercent = (ratio: number) => `${Math.round(ratio * 100)}%`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// The verdict is said in words; the mark and colour only repeat it.
const STANDING: Record<Standing, { mark: string; className: string }> = {
  no_data: { mark: "–", className: "text-zinc-400" },
  on_target: { mark: "✓", className: "text-emerald-300" },
  below: { mark: "↓", className: "text-amber-300" },
  above: { mark: "↑", className: "text-amber-300" },
};

function VerdictLine({ verdict, testId }: { verdict: Verdict; testId: string }) {
  const { mark, className } = STANDING[verdict.standing];
  return (
    <dd className={`mt-2 flex gap-1.5 text-sm ${className}`}>
      <span aria-hidden="true">{mark}</span>
      <span data-testid={testId}>{verdict.text}</span>
    </dd>
  );
}

function Card({ label, value, testId, children }: { label: string; value: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="rounded-md border border-zinc-800 bg-zinc-950/60 p-4">
      <dt className="text-xs uppercase tracking-wide text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {children}
    </div>
  );
}

function VersionBars({ versions, videos }: { versions: QualityFigures["refinements"]["versions"]; videos: number }) {
  const rows = [
    { label: "1 version", count: versions.one },
    { label: "2 versions", count: versions.two },
    { label: "3 or more", count: versions.threeOrMore },
  ];
  return (
    <ul className="mt-1 space-y-1.5 text-sm">
      {rows.map((row) => (
        <li key={row.label} className="grid grid-cols-[5.5rem_1fr_2rem] items-center gap-2">
          <span className="text-zinc-300">{row.label}</span>
          <span className="h-2 rounded-full bg-zinc-800" aria-hidden="true">
            <span
              className="block h-2 rounded-full bg-violet-400"
              style={{ width: videos ? `${(row.count / videos) * 100}%` : "0%" }}
            />
          </span>
          <span className="text-right tabular-nums">
            {row.count}
            <span className="sr-only"> {row.count === 1 ? "video" : "videos"}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function QualityFiguresGrid({ figures, scope }: { figures: QualityFigures; scope: "self" | "studio" }) {
  const { approval, refinements, cost } = figures;
  const id = (name: string) => `quality-${scope}-${name}`;
  const undecided = [
    approval.awaiting > 0 && `${approval.awaiting} still waiting for a decision`,
    approval.declined > 0 && `${approval.declined} canceled or failed at review`,
  ].filter(Boolean);
  return (
    <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <Card
        label="Storyboard approval"
        value={approval.rate === null ? "—" : wholePercent(approval.rate)}
        testId={id("approval")}
      >
        <dd className="mt-1 text-xs text-zinc-400">
          Target {wholePercent(approval.targetRate)}
          {undecided.length > 0 && ` · ${undecided.join(" · ")}`}
        </dd>
        <VerdictLine verdict={approval.verdict} testId={id("approval-verdict")} />
      </Card>
      <Card
        label="Refinements per video"
        value={refinements.perVideo === null ? "—" : refinements.perVideo.toFixed(1)}
        testId={id("refinements")}
      >
        <dd className="mt-1 text-xs text-zinc-400">
          Target about {refinements.target}
          {refinements.videos > 0 &&
            ` · ${plural(refinements.refinements, "refinement", "refinements")} over ${plural(refinements.videos, "video", "videos")}`}
        </dd>
        <VerdictLine verdict={refinements.verdict} testId={id("refinements-verdict")} />
      </Card>
      <div className="rounded-md border border-zinc-800 bg-zinc-950/60 p-4">
        <dt className="text-xs uppercase tracking-wide text-zinc-400">Versions per video</dt>
        <dd data-testid={id("versions")}>
          {refinements.videos === 0 ? (
            <p className="mt-1 text-sm text-zinc-400">No finished videos yet.</p>
          ) : (
            <VersionBars versions={refinements.versions} videos={refinements.videos} />
          )}
        </dd>
      </div>
      <Card label="Cost of refinements" value={money(cost.usd)} testId={id("cost")}>
        <dd className="mt-1 text-xs text-zinc-400" data-testid={id("cost-share")}>
          {cost.share === null
            ? "Nothing spent in these 30 days."
            : `${wholePercent(cost.share)} of the ${money(cost.totalUsd)} spent in these 30 days`}
        </dd>
      </Card>
    </dl>
  );
}

/** How often storyboards are approved and videos refined, against the original plan's targets. */
export function QualityPanel({ report }: { report: RefinementReport }) {
  const { definitions } = report;
  return (
    <Section title="Approval and refinement" testId="quality">
      <p className="mb-4 text-sm text-zinc-300">
        Measured against the original plan&apos;s targets: 70% of storyboards approved, about 1.5 refinements per video.
      </p>
      {report.studio ? (
        <div className="space-y-5">
          <div>
            <h3 className="mb-2 font-medium text-zinc-200">The whole studio</h3>
            <QualityFiguresGrid figures={report.studio} scope="studio" />
          </div>
          <div>
            <h3 className="mb-2 font-medium text-zinc-200">Your own videos</h3>
            <QualityFiguresGrid figures={report.self} scope="self" />
          </div>
        </div>
      ) : (
        <QualityFiguresGrid figures={report.self} scope="self" />
      )}
      <div className="mt-4 text-sm">
        <h3 className="font-medium text-zinc-300">How these are counted</h3>
        <dl className="mt-1 space-y-1 text-zinc-400">
          <div>
            <dt className="inline font-medium text-zinc-300">Approval: </dt>
            <dd className="inline">{definitions.approval}</dd>
          </div>
          <div>
            <dt className="inline font-medium text-zinc-300">Refinements: </dt>
            <dd className="inline">{definitions.refinements}</dd>
          </div>
          <div>
            <dt className="inline font-medium text-zinc-300">Versions: </dt>
            <dd className="inline">{definitions.versions}</dd>
          </div>
          <div>
            <dt className="inline font-medium text-zinc-300">Cost: </dt>
            <dd className="inline">{definitions.cost}</dd>
          </div>
        </dl>
      </div>
    </Section>
  );
}
