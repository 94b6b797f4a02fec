// Keeps disk use bounded while a covered run writes NODE_V8_COVERAGE files (one large JSON per Node process, several
// hundred a run): each finished file is cut down to this project's scripts and merged into one file that c8 reads.
// `--watch` repeats that every 15 s until SIGTERM; without it, one last pass over every file, however new.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { mergeProcessCovs, type ProcessCov } from "@bcoe/v8-coverage";

interface RawCoverage extends ProcessCov {
  "source-map-cache"?: Record<string, unknown>;
}

const [rawDir, mergedDir] = [process.env.COVERAGE_RAW_DIR, process.env.COVERAGE_MERGED_DIR];
if (!rawDir || !mergedDir) throw new Error("set COVERAGE_RAW_DIR and COVERAGE_MERGED_DIR (tests/coverage/steps.sh does)");
const mergedFile = path.join(mergedDir, "coverage-merged.json");
const projectUrl = `${pathToFileURL(process.cwd()).href}/`;
// The sources c8 reports on, run by tsx, and the server chunks their source maps lead back to them from.
const KEPT = /^(lib|app|components)\/|^instrumentation\.ts$|^\.next\/server\//;
// A file younger than this may still be being written; one that does not parse after this long never will.
const SETTLE_MS = 3_000;
const ABANDON_MS = 120_000;

function kept(url: string): boolean {
  if (!url.startsWith(projectUrl)) return false;
  const relative = url.slice(projectUrl.length);
  return KEPT.test(relative) && !relative.includes("node_modules/");
}

function readRaw(file: string): RawCoverage | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as RawCoverage;
  } catch {
    return undefined;
  }
}

function prune(raw: RawCoverage): RawCoverage {
  const result = raw.result.filter((script) => kept(script.url));
  const maps = Object.entries(raw["source-map-cache"] ?? {}).filter(([url]) => kept(url));
  return { result, "source-map-cache": Object.fromEntries(maps) };
}

function pass(settleMs: number): void {
  const now = Date.now();
  const done: string[] = [];
  const parts: RawCoverage[] = [];
  for (const name of fs.existsSync(rawDir!) ? fs.readdirSync(rawDir!) : []) {
    const file = path.join(rawDir!, name);
    const age = now - fs.statSync(file).mtimeMs;
    if (age < settleMs) continue;
    const raw = readRaw(file);
    if (raw) parts.push(prune(raw));
    if (raw || age > ABANDON_MS) done.push(file);
  }
  if (parts.length === 0) return void done.forEach((file) => fs.rmSync(file, { force: true }));
  const previous = fs.existsSync(mergedFile) ? readRaw(mergedFile) : undefined;
  const all = previous ? [previous, ...parts] : parts;
  const merged: RawCoverage = mergeProcessCovs(all);
  // Same URL, same build: any copy of a script's source map will do.
  merged["source-map-cache"] = Object.assign({}, ...all.map((part) => part["source-map-cache"] ?? {}));
  fs.mkdirSync(mergedDir!, { recursive: true });
  // Written beside, not in, the folder c8 reads every file of, then renamed in whole.
  const next = path.join(path.dirname(mergedDir!), "coverage-merged.json.tmp");
  fs.writeFileSync(next, JSON.stringify(merged));
  fs.renameSync(next, mergedFile);
  for (const file of done) fs.rmSync(file, { force: true });
}

if (process.argv.includes("--watch")) {
  const timer = setInterval(() => pass(SETTLE_MS), 15_000);
  process.once("SIGTERM", () => {
    clearInterval(timer);
    process.exit(0);
  });
} else {
  pass(0);
}
