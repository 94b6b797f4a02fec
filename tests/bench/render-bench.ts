// The rendering figures of `npm run bench`, each against a baseline measured in the same run:
//   - render: a local job's time against the very ffmpeg commands it ran (FFMPEG_COMMAND_LOG), run directly;
//     the stitch against copying its bytes (`-c copy`); one pass against the two (clip, then stitch) it replaced
//   - fake: a job on a fake Replicate whose every prediction takes a fixed time, against the sum of those times
//   - memory: the server's peak RSS with 10 and 50 concurrent jobs
//   - throughput: jobs a minute as the runner's concurrency grows
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startFakeReplicate } from "../fakes/fake-replicate";
import { queryDb } from "../helpers/read-db";
import { replicateEnv } from "../helpers/replicate-env";
import { startApp, type RunningApp } from "../helpers/start-app";

const ffmpeg = process.env.FFMPEG_PATH ?? (createRequire(__filename)("@ffmpeg-installer/ffmpeg") as { path: string }).path;

interface Logged {
  args: string[];
  seconds: number;
  /** Text files the command reads, by path. */
  files: Record<string, string>;
}

export function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function createJob(app: RunningApp, n: number, sceneCount: number): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/jobs`, {
    method: "POST",
    headers: { ...app.auth, "Content-Type": "application/json" },
    body: JSON.stringify({
      prompt: `Render film ${n}. A ship sails into a storm at night. The crew sees a lighthouse. Dawn breaks over a quiet harbor.`,
      sceneCount,
      autoApprove: true,
    }),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function waitDone(app: RunningApp, id: string): Promise<string> {
  for (;;) {
    const response = await fetch(`${app.baseUrl}/api/jobs/${id}`, { headers: app.auth });
    const view = (await response.json()) as { status: string; isFinal: boolean };
    if (view.isFinal) return view.status;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runJobs(app: RunningApp, count: number, sceneCount: number): Promise<{ seconds: number; done: number }> {
  const started = performance.now();
  const ids = await Promise.all(Array.from({ length: count }, (_, n) => createJob(app, n, sceneCount)));
  const statuses = await Promise.all(ids.map((id) => waitDone(app, id)));
  return { seconds: (performance.now() - started) / 1000, done: statuses.filter((s) => s === "completed").length };
}

/** Reruns logged ffmpeg commands one after another, each output sent to a scratch file (and read from there after). */
function rerun(commands: Logged[], scratch: string): number {
  const moved = new Map<string, string>();
  let seconds = 0;
  commands.forEach((command, i) => {
    for (const [file, text] of Object.entries(command.files)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    const args = command.args.map((a) => moved.get(a) ?? a);
    const out = args.at(-1)!;
    const scratchOut = path.join(scratch, `out-${i}${path.extname(out)}`);
    moved.set(out, scratchOut);
    args[args.length - 1] = scratchOut;
    const started = performance.now();
    const result = spawnSync(ffmpeg, args, { stdio: ["ignore", "ignore", "pipe"] });
    seconds += (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`ffmpeg ${args.join(" ")} failed: ${result.stderr}`);
  });
  return seconds;
}

/**
 * The render this one replaced, on the same job's moves: each encoded as a clip, then the clips stitched. Its
 * ffmpeg seconds, and the PSNR of the one-pass video against it.
 */
async function twoPass(
  app: RunningApp,
  jobId: string,
  onePass: string,
  scratch: string,
): Promise<{ seconds: number; psnr: number }> {
  process.env.DATA_DIR = app.dataDir;
  const { encodeMove } = await import("@/lib/backends/local/local-animator");
  const { readMove } = await import("@/lib/media/scene-move");
  const { stitchVideo } = await import("@/lib/media/stitch-video");
  const scenes = queryDb<{ clipKey: string; caption: string; durationSec: number; narrationKey: string | null }>(
    app.dataDir,
    "SELECT clipKey, caption, durationSec, CASE WHEN narrate THEN narrationKey END AS narrationKey FROM Scene WHERE jobId = ? ORDER BY position",
    jobId,
  );
  const [job] = queryDb<{ musicKey: string | null }>(app.dataDir, "SELECT musicKey FROM Job WHERE id = ?", jobId);
  const file = (key: string | null | undefined) => (key ? path.join(app.dataDir, key) : null);
  const signal = new AbortController().signal;
  const started = performance.now();
  const clips: string[] = [];
  for (const [i, s] of scenes.entries()) {
    clips.push(path.join(scratch, `two-pass-${i}.mp4`));
    await encodeMove(await readMove(path.join(app.dataDir, s.clipKey)), clips[i]!, signal);
  }
  const out = path.join(scratch, "two-pass.mp4");
  await stitchVideo({
    scenes: scenes.map((s, i) => ({ clipPath: clips[i]!, caption: s.caption, durationSec: s.durationSec })),
    aspectRatio: "16:9",
    sound: { narrations: scenes.map((s) => file(s.narrationKey)), musicPath: file(job?.musicKey) },
    outPath: out,
    signal,
  });
  const seconds = (performance.now() - started) / 1000;
  const result = spawnSync(
    ffmpeg,
    ["-i", onePass, "-i", out, "-map", "0:v", "-map", "1:v", "-lavfi", "psnr", "-f", "null", "-"],
    {
      encoding: "utf8",
    },
  );
  return { seconds, psnr: Number(/average:([\d.]+)/.exec(result.stderr)?.[1] ?? NaN) };
}

const ratio = (a: number, b: number) => (a / b).toFixed(2);
const seconds = (s: number) => `${s.toFixed(2)} s`;

/** Ledger seconds of one job's calls of a kind. */
function ledgerSeconds(app: RunningApp, jobId: string, kind: string): number {
  const rows = queryDb<{ ms: number | null }>(
    app.dataDir,
    "SELECT durationMs AS ms FROM Generation WHERE jobId = ? AND kind = ?",
    jobId,
    kind,
  );
  return rows.reduce((s, r) => s + (r.ms ?? 0), 0) / 1000;
}

export async function renderRatios(sceneCount = 3, repeats = 3): Promise<void> {
  const log = path.join(os.tmpdir(), `storyreel-ffmpeg-${process.pid}.log`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-rerun-"));
  const app = await startApp({ WORKER_POLL_MS: "100", FFMPEG_COMMAND_LOG: log });
  try {
    console.log(`render: ${repeats} local jobs of ${sceneCount} scenes, one at a time; each figure against its baseline`);
    const rows: {
      job: number;
      render: number;
      stitch: number;
      direct: number;
      copy: number;
      one: number;
      two: number;
      psnr: number;
    }[] = [];
    for (let n = 0; n < repeats; n++) {
      fs.rmSync(log, { force: true });
      const started = performance.now();
      const id = await createJob(app, n, sceneCount);
      if ((await waitDone(app, id)) !== "completed") throw new Error(`job ${id} did not complete`);
      const job = (performance.now() - started) / 1000;
      const commands = fs
        .readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Logged);
      const direct = rerun(commands, scratch);
      const stitchCommand = commands.find((c) => c.args.includes("-filter_complex"))!;
      const one = rerun([stitchCommand], scratch);
      const final = path.join(scratch, "copy-source.mp4");
      fs.copyFileSync(path.join(scratch, "out-0.mp4"), final);
      const two = await twoPass(app, id, final, scratch);
      const copyStarted = performance.now();
      spawnSync(ffmpeg, ["-y", "-loglevel", "error", "-i", final, "-c", "copy", path.join(scratch, "copied.mp4")]);
      const copy = (performance.now() - copyStarted) / 1000;
      const render = ledgerSeconds(app, id, "clip") + ledgerSeconds(app, id, "stitch");
      rows.push({ job, render, stitch: ledgerSeconds(app, id, "stitch"), direct, copy, one, two: two.seconds, psnr: two.psnr });
      console.log(`  job ${n + 1}: ${commands.length} ffmpeg runs`);
    }
    const median = (pick: (r: (typeof rows)[number]) => number) => rows.map(pick).sort((a, b) => a - b)[rows.length >> 1]!;
    const [job, render, stitch, direct, copy] = [
      median((r) => r.job),
      median((r) => r.render),
      median((r) => r.stitch),
      median((r) => r.direct),
      median((r) => r.copy),
    ];
    const [one, two, psnr] = [median((r) => r.one), median((r) => r.two), median((r) => r.psnr)];
    console.log(`  ffmpeg run directly  ${seconds(direct)} (the job's own commands, from FFMPEG_COMMAND_LOG)`);
    console.log(
      `  clips + stitch       ${seconds(render)} in the ledger: ${ratio(render, direct)}x the same ffmpeg run directly (goal <= 1.3x)`,
    );
    console.log(
      `  whole job            ${seconds(job)} prompt to video: ${ratio(job, direct)}x (stills and narration are not ffmpeg)`,
    );
    console.log(
      `  stitch               ${seconds(stitch)}: ${ratio(stitch, copy)}x copying its bytes (-c copy, ${seconds(copy)})`,
    );
    console.log(
      `  one pass             ${seconds(one)} against ${seconds(two)} for clips then stitch: ${ratio(one, two)}x, PSNR ${psnr.toFixed(1)} dB`,
    );
  } finally {
    await app.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(log, { force: true });
  }
}

/** Our orchestration's cost on a model API: a job whose every prediction takes `latencyMs`, against their sum. */
export async function fakeOverhead(latencyMs = 1000, sceneCount = 3): Promise<void> {
  const fake = await startFakeReplicate();
  fake.setLatency(latencyMs);
  const app = await startApp(replicateEnv(fake, { WORKER_POLL_MS: "100", REPLICATE_POLL_MS: "50" }));
  try {
    const started = performance.now();
    const id = await createJob(app, 0, sceneCount);
    const status = await waitDone(app, id);
    const job = (performance.now() - started) / 1000;
    const predictions = fake.creates().length;
    const sum = (predictions * latencyMs) / 1000;
    console.log(`fake: one ${sceneCount}-scene job on a fake Replicate, every prediction ${latencyMs} ms`);
    console.log(`  job                  ${status} in ${seconds(job)}; ${predictions} predictions, ${seconds(sum)} of latency`);
    console.log(`  overhead             ${ratio(job, sum)}x the latency's sum (+${seconds(job - sum)})`);
  } finally {
    await app.stop();
    await fake.close();
  }
}

export async function memoryPeaks(counts = [10, 50], sceneCount = 2): Promise<void> {
  for (const count of counts) {
    const app = await startApp({ WORKER_POLL_MS: "200" });
    const idle = residentMb(app.pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, residentMb(app.pid))), 100);
    try {
      const run = await runJobs(app, count, sceneCount);
      console.log(
        `memory: ${count} concurrent ${sceneCount}-scene jobs: ${run.done}/${count} in ${seconds(run.seconds)}, ` +
          `peak RSS ${peak.toFixed(0)} MB (${ratio(peak, idle)}x the idle server's ${idle.toFixed(0)} MB; goal < 1024 MB at 50)`,
      );
    } finally {
      clearInterval(sampler);
      await app.stop();
    }
  }
}

export async function throughput(concurrencies = [1, 2, 4], jobs = 6, sceneCount = 3): Promise<void> {
  let base = 0;
  for (const c of concurrencies) {
    const app = await startApp({ WORKER_POLL_MS: "100", WORKER_JOB_CONCURRENCY: String(c) });
    try {
      const run = await runJobs(app, jobs, sceneCount);
      const perMinute = (run.done / run.seconds) * 60;
      base ||= perMinute;
      console.log(
        `throughput: concurrency ${c}: ${perMinute.toFixed(1)} jobs/min (${ratio(perMinute, base)}x concurrency ${concurrencies[0]})`,
      );
    } finally {
      await app.stop();
    }
  }
}
