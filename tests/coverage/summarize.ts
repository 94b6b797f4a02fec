// The end of a covered `npm test`: c8's json-summary (tests/coverage/steps.sh) by top-level folder, then the total.
import fs from "node:fs";
import path from "node:path";

type Metric = "lines" | "branches" | "functions";
type Counts = Record<Metric, { covered: number; total: number }>;
const METRICS: Metric[] = ["lines", "branches", "functions"];

const config = JSON.parse(fs.readFileSync(".c8rc.json", "utf8")) as Record<string, unknown> & { "reports-dir": string };
const summaryFile = path.join(config["reports-dir"], "coverage-summary.json");
const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8")) as Record<string, Counts>;

const empty = (): Counts => ({
  lines: { covered: 0, total: 0 },
  branches: { covered: 0, total: 0 },
  functions: { covered: 0, total: 0 },
});
const folders = new Map<string, Counts & { files: number }>();
for (const [file, counts] of Object.entries(summary)) {
  if (file === "total") continue;
  const relative = path.relative(process.cwd(), file);
  const parts = relative.split(path.sep);
  const folder = parts.length > 1 ? `${parts[0]}/` : relative;
  const sum = folders.get(folder) ?? { ...empty(), files: 0 };
  sum.files += 1;
  for (const metric of METRICS) {
    sum[metric].covered += counts[metric].covered;
    sum[metric].total += counts[metric].total;
  }
  folders.set(folder, sum);
}

const pct = ({ covered, total }: { covered: number; total: number }) =>
  total === 0 ? "100.00" : ((100 * covered) / total).toFixed(2);
const row = (name: string, files: string, cells: string[]) =>
  [name.padEnd(20), files.padStart(6), ...cells.map((cell) => cell.padStart(22))].join(" ");
const cells = (counts: Counts) => METRICS.map((m) => `${pct(counts[m])}% (${counts[m].covered}/${counts[m].total})`);

console.log("\nNode's own coverage of every process the run started (test runners, servers, workers), mapped by c8:");
console.log(row("folder", "files", METRICS));
for (const [folder, counts] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(row(folder, String(counts.files), cells(counts)));
}
const total = summary.total ?? empty();
console.log(row("total", String(Object.keys(summary).length - 1), cells(total)));
console.log(
  `floors (.c8rc.json): ${METRICS.map((m) => `${m} ${config[m]}%`).join(", ")}; report: ${config["reports-dir"]}/index.html`,
);
