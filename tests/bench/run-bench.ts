// `npm run bench`: the original plan's targets, measured on the built app with the local back end.
//   - load: 10 concurrent 4-scene jobs all complete; p95 prompt-to-video time under 4 minutes
//   - polling: clients polling at the UI's stage intervals get 304 for > 95% of unchanged polls
//   - the poll: its cost against a bare route, its pace against a fixed 2 s interval, and under load (poll-bench.ts)
//   - server memory: peak resident set size while all of the above runs
//   - uploads: a 100 MB upload streamed at the server is refused at the limit with memory flat
//   - rendering: render, fake, memory, throughput (render-bench.ts)
// BENCH_PARTS picks parts, a comma list: load (the first four above), poll, upload, subjects, render, fake,
// memory, throughput; the default is load,render,fake,memory,throughput (BENCH_POLL_PARTS=cost: only the poll's
// cost against the bare route).
import fs from "node:fs";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { startApp, type RunningApp } from "../helpers/start-app";
import { pollCost, pollPace, pollUnderLoad } from "./poll-bench";
import { fakeOverhead, memoryPeaks, renderRatios, throughput } from "./render-bench";

const JOBS = Number(process.env.BENCH_JOBS ?? 10);
const SCENES = 4;

// Mirrors components/job/use-job.ts: the client polls faster early on, slower while rendering.
const POLL_MS: Record<string, number> = { queued: 2000, parsing: 2000, storyboarding: 5000, rendering: 10000, stitching: 10000 };

interface JobRun {
  id: string;
  seconds: number;
  status: string;
  polls: number;
  notModified: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function createJob(app: RunningApp, n: number): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/jobs`, {
    method: "POST",
    headers: { ...app.auth, "Content-Type": "application/json" },
    body: JSON.stringify({
      prompt: `Benchmark film ${n}. A ship sails into a storm at night. The crew sees a lighthouse. Dawn breaks over a quiet harbor.`,
      sceneCount: SCENES,
      autoApprove: true,
    }),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Polls one job the way the UI does (ETag revalidation at stage intervals) until it is final. */
async function followJob(app: RunningApp, id: string, started: number): Promise<JobRun> {
  let etag = "";
  let status = "queued";
  let polls = 0;
  let notModified = 0;
  for (;;) {
    const response = await fetch(`${app.baseUrl}/api/jobs/${id}`, {
      headers: { ...app.auth, ...(etag ? { "If-None-Match": etag } : {}) },
    });
    polls++;
    if (response.status === 304) notModified++;
    else {
      const view = (await response.json()) as { status: string; isFinal: boolean };
      etag = response.headers.get("etag") ?? "";
      status = view.status;
      if (view.isFinal) return { id, seconds: (performance.now() - started) / 1000, status, polls, notModified };
    }
    await new Promise((r) => setTimeout(r, POLL_MS[status] ?? 2000));
  }
}

/**
 * Streams 100 MB (chunked, no length declared, so the limit is found while reading) as one multipart file and
 * samples the server's resident memory the whole time: the body goes to disk and is cut off at the limit.
 */
async function uploadRefusal(app: RunningApp): Promise<void> {
  const total = 100 * 1024 * 1024;
  const before = residentMb(app.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, residentMb(app.pid))), 20);
  const started = performance.now();
  const { status, sentMb } = await new Promise<{ status: number; sentMb: number }>((resolve, reject) => {
    const boundary = "----storyreel-bench";
    let sent = 0;
    const req = http.request(`${app.baseUrl}/api/uploads`, {
      method: "POST",
      headers: { ...app.auth, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, sentMb: sent / 1024 / 1024 });
      req.destroy();
    });
    req.on("error", (error: NodeJS.ErrnoException) => (req.destroyed ? undefined : reject(error)));
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.wav"\r\n\r\n`);
    const piece = Buffer.alloc(256 * 1024, 0x5a);
    const pump = () => {
      while (!req.destroyed && sent < total) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!req.destroyed) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  console.log(`upload: 100 MB streamed at POST /api/uploads (limit ${process.env.UPLOAD_AUDIO_MAX_MB ?? 50} MB), chunked`);
  console.log(`  answered             ${status} after ${sentMb.toFixed(0)} MB sent, in ${seconds.toFixed(2)} s`);
  console.log(
    `  server memory        RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB while it streamed (+${(peak - before).toFixed(0)} MB)`,
  );
  if (status !== 413) process.exitCode = 1;
}

async function pollFigures(app: RunningApp, finishedJobId: string): Promise<void> {
  await pollCost(app, finishedJobId);
  await pollPace(app);
  await pollUnderLoad(app, finishedJobId);
}

const PARTS = ["load", "poll", "upload", "subjects", "render", "fake", "memory", "throughput"] as const;

function benchParts(): Set<string> {
  const parts = (process.env.BENCH_PARTS ?? "load,render,fake,memory,throughput").split(",").map((p) => p.trim());
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`BENCH_PARTS: no part ${unknown.join(", ")} (the parts: ${PARTS.join(", ")})`);
  return new Set(parts);
}

async function uploadPart(): Promise<void> {
  const app = await startApp();
  try {
    await uploadRefusal(app);
  } finally {
    await app.stop();
  }
}

async function pollPart(): Promise<void> {
  const app = await startApp({ WORKER_POLL_MS: "500", BENCH_ROUTES: "true" });
  try {
    const id = await createJob(app, 0);
    await followJob(app, id, performance.now());
    if (process.env.BENCH_POLL_PARTS === "cost") await pollCost(app, id);
    else await pollFigures(app, id);
  } finally {
    await app.stop();
  }
}

/** The load, then the poll's figures and the upload on the same server. */
async function loadPart(): Promise<void> {
  const app = await startApp({ WORKER_POLL_MS: "500", BENCH_ROUTES: "true" });
  let peakMb = residentMb(app.pid);
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, residentMb(app.pid))), 250);
  try {
    console.log(
      `load: ${JOBS} jobs x ${SCENES} scenes, auto-approved, runner concurrency ${process.env.WORKER_JOB_CONCURRENCY ?? 2}`,
    );
    const started = performance.now();
    const ids = await Promise.all(Array.from({ length: JOBS }, (_, n) => createJob(app, n)));
    const runs = await Promise.all(ids.map((id) => followJob(app, id, started)));
    const wall = (performance.now() - started) / 1000;
    const times = runs.map((r) => r.seconds);
    const completed = runs.filter((r) => r.status === "completed").length;
    const polls = runs.reduce((s, r) => s + r.polls, 0);
    const notModified = runs.reduce((s, r) => s + r.notModified, 0);
    console.log(`  completed            ${completed}/${JOBS} in ${wall.toFixed(1)} s wall`);
    console.log(
      `  prompt -> video      p50 ${percentile(times, 50).toFixed(1)} s, p95 ${percentile(times, 95).toFixed(1)} s (target p95 < 240 s)`,
    );
    console.log(
      `  polls at UI pace     ${polls} polls, ${notModified} answered 304 (${((notModified / polls) * 100).toFixed(1)}%)`,
    );

    console.log(`server memory: peak RSS ${peakMb.toFixed(0)} MB`);
    clearInterval(sampler);
    await pollFigures(app, ids[0]!);
    await uploadRefusal(app);
    if (completed !== JOBS) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await app.stop();
  }
}

async function main(): Promise<void> {
  const parts = benchParts();
  if (parts.has("subjects")) await (await import("./subjects-bench")).runSubjectsBench();
  if (parts.has("load")) await loadPart();
  if (parts.has("poll")) await pollPart();
  if (parts.has("upload") && !parts.has("load")) await uploadPart();
  if (parts.has("render")) await renderRatios();
  if (parts.has("fake")) await fakeOverhead(Number(process.env.BENCH_FAKE_LATENCY_MS ?? 1000));
  const counts = process.env.BENCH_MEMORY_JOBS?.split(",").map(Number);
  if (parts.has("memory")) await memoryPeaks(counts);
  if (parts.has("throughput")) await throughput();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
