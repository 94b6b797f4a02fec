// The job poll measured against its baselines from the same run and build (called by run-bench.ts):
//   - cost: GET /api/jobs/:id (304 and 200, session cookie and API token) against /api/bench/bare, a constant 2 KB
//     answer through the same server, router and error wrapper, at 16 and 50 connections; and the bare route
//     with the caller resolved, which is what signing in adds to every request
//   - pace: requests per job and how late the page sees the finished video, for the long poll the page uses
//     against a fixed 2 s interval (and the stage intervals it used before)
//   - under load: the poll at 50 connections while jobs render
import http from "node:http";
import { performance } from "node:perf_hooks";
import type { RunningApp } from "../helpers/start-app";

const REQUESTS = Number(process.env.BENCH_POLL_REQUESTS ?? 3000);
const REPEATS = Number(process.env.BENCH_POLL_REPEATS ?? 3);
const CONNECTIONS = [16, 50];
const PACE_JOBS = Number(process.env.BENCH_PACE_JOBS ?? 4);
const PACE_SCENES = 3;
// Mirrors components/job/use-job.ts.
const STAGE_MS: Record<string, number> = { queued: 2000, parsing: 2000, storyboarding: 5000, rendering: 10000, stitching: 10000 };
const LONG_POLL_GAP_MS = 250;

interface Figure {
  rps: number;
  p50: number;
  p99: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const median = (values: number[]) => percentile(values, 50);

/** `requests` GETs over `connections` keep-alive sockets (node:http, lighter than fetch on a shared 2-core machine). */
async function load(app: RunningApp, path: string, headers: Record<string, string>, expect: number, connections: number) {
  const { hostname, port } = new URL(app.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const req = http.get({ hostname, port, path, headers, agent }, (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === expect ? resolve(performance.now() - started) : reject(new Error(`${path}: ${res.statusCode}`)),
        );
      });
      req.on("error", reject);
    });
  const run = async (count: number) => {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next++ < count) latencies.push(await one());
      }),
    );
    return {
      rps: count / ((performance.now() - started) / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  };
  try {
    await run(Math.min(300, REQUESTS)); // warm: sockets open, caches filled, code compiled
    return await run(REQUESTS);
  } finally {
    agent.destroy();
  }
}

async function etagOf(app: RunningApp, jobId: string): Promise<string> {
  return (await fetch(`${app.baseUrl}/api/jobs/${jobId}`, { headers: app.auth })).headers.get("etag") ?? "";
}

type Case = { name: string; path: string; headers: Record<string, string>; expect: number; baseline?: boolean };

function pollCases(app: RunningApp, jobId: string, etag: string): Case[] {
  const cookie = { Cookie: app.cookie };
  return [
    { name: "bare route", path: "/api/bench/bare", headers: {}, expect: 200, baseline: true },
    { name: "bare + caller (cookie)", path: "/api/bench/bare?caller=1", headers: cookie, expect: 200 },
    { name: "bare + caller (token)", path: "/api/bench/bare?caller=1", headers: app.auth, expect: 200 },
    { name: "poll 304, cookie", path: `/api/jobs/${jobId}`, headers: { ...cookie, "If-None-Match": etag }, expect: 304 },
    { name: "poll 304, token", path: `/api/jobs/${jobId}`, headers: { ...app.auth, "If-None-Match": etag }, expect: 304 },
    { name: "poll 200, cookie", path: `/api/jobs/${jobId}`, headers: cookie, expect: 200 },
    { name: "poll 200, token", path: `/api/jobs/${jobId}`, headers: app.auth, expect: 200 },
  ];
}

/** Each case `REPEATS` times (interleaved, so a slow moment does not hit one case only); the median of each number. */
async function measure(app: RunningApp, cases: Case[], connections: number): Promise<Map<string, Figure>> {
  const runs = new Map<string, Figure[]>(cases.map((c) => [c.name, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const c of cases) runs.get(c.name)!.push(await load(app, c.path, c.headers, c.expect, connections));
  }
  return new Map(
    [...runs].map(([name, figures]) => [
      name,
      { rps: median(figures.map((f) => f.rps)), p50: median(figures.map((f) => f.p50)), p99: median(figures.map((f) => f.p99)) },
    ]),
  );
}

function printTable(title: string, cases: Case[], figures: Map<string, Figure>): void {
  const bare = figures.get(cases.find((c) => c.baseline)!.name)!;
  console.log(title);
  console.log(`  ${"".padEnd(24)} ${"req/s".padStart(6)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)}  vs bare`);
  for (const c of cases) {
    const f = figures.get(c.name)!;
    console.log(
      `  ${c.name.padEnd(24)} ${f.rps.toFixed(0).padStart(6)} ${f.p50.toFixed(1).padStart(7)} ${f.p99.toFixed(1).padStart(7)}  ${(f.rps / bare.rps).toFixed(2)}x`,
    );
  }
}

/** The poll's cost at each connection count, on a finished job. */
export async function pollCost(app: RunningApp, jobId: string): Promise<void> {
  const cases = pollCases(app, jobId, await etagOf(app, jobId));
  for (const connections of CONNECTIONS) {
    printTable(
      `poll cost: ${REQUESTS} requests a figure, ${connections} connections, median of ${REPEATS} (goals: 304 >= 0.80x, 200 >= 0.50x)`,
      cases,
      await measure(app, cases, connections),
    );
  }
}

interface Follow {
  polls: number;
  /** When the follower first saw the job final, against the server's completedAt (same machine, same clock). */
  lateMs: number;
}

type Follower = (app: RunningApp, jobId: string) => Promise<Follow>;

async function getJob(app: RunningApp, jobId: string, etag: string, wait: boolean) {
  const response = await fetch(`${app.baseUrl}/api/jobs/${jobId}${wait && etag ? "?wait=25" : ""}`, {
    headers: { Cookie: app.cookie, ...(etag ? { "If-None-Match": etag } : {}) },
  });
  if (response.status === 304) return { etag, view: null };
  const view = (await response.json()) as { status: string; isFinal: boolean; completedAt: string | null; updatedAt: string };
  return { etag: response.headers.get("etag") ?? "", view };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function follower(next: (status: string, waited: boolean) => number, wait: boolean): Follower {
  return async (app, jobId) => {
    let etag = "";
    let status = "queued";
    let polls = 0;
    for (;;) {
      const started = performance.now();
      const got = await getJob(app, jobId, etag, wait);
      polls++;
      etag = got.etag;
      if (got.view) {
        status = got.view.status;
        if (got.view.isFinal) {
          const finishedAt = Date.parse(got.view.completedAt ?? got.view.updatedAt);
          return { polls, lateMs: Date.now() - finishedAt };
        }
      }
      const waited = got.view !== null || performance.now() - started >= 1000;
      await sleep(next(status, waited));
    }
  };
}

const FOLLOWERS: Record<string, Follower> = {
  "fixed 2 s interval": follower(() => 2000, false),
  "stage intervals (before)": follower((status) => STAGE_MS[status] ?? 2000, false),
  "long poll (the page now)": follower((status, waited) => (waited ? LONG_POLL_GAP_MS : (STAGE_MS[status] ?? 2000)), true),
};

async function createJob(app: RunningApp, n: number): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/jobs`, {
    method: "POST",
    headers: { ...app.auth, "Content-Type": "application/json" },
    body: JSON.stringify({
      prompt: `Poll benchmark ${n}. A lamp lights a window. Snow falls on the street. A door opens.`,
      sceneCount: PACE_SCENES,
      autoApprove: true,
    }),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Every follower watches the same jobs at once, so each sees the same changes at the same times. */
export async function pollPace(app: RunningApp): Promise<void> {
  const ids = await Promise.all(Array.from({ length: PACE_JOBS }, (_, n) => createJob(app, n)));
  const results = await Promise.all(
    Object.entries(FOLLOWERS).map(async ([name, follow]) => [name, await Promise.all(ids.map((id) => follow(app, id)))] as const),
  );
  const fixed = results.find(([name]) => name.startsWith("fixed"))![1];
  const fixedPolls = fixed.reduce((s, f) => s + f.polls, 0) / fixed.length;
  console.log(
    `poll pace: ${PACE_JOBS} jobs x ${PACE_SCENES} scenes followed to the end by each client at once (goals: seen within 1 s p95, >= 60% fewer requests)`,
  );
  console.log(`  ${"".padEnd(26)} ${"polls/job".padStart(9)}  vs 2 s  ${"late p50".padStart(8)} ${"late p95".padStart(8)}`);
  for (const [name, follows] of results) {
    const polls = follows.reduce((s, f) => s + f.polls, 0) / follows.length;
    const late = follows.map((f) => f.lateMs);
    console.log(
      `  ${name.padEnd(26)} ${polls.toFixed(1).padStart(9)}  ${(polls / fixedPolls).toFixed(2)}x  ${(percentile(late, 50) / 1000).toFixed(2).padStart(7)}s ${(percentile(late, 95) / 1000).toFixed(2).padStart(7)}s`,
    );
  }
}

/** The 304s at 50 connections while jobs render (the goal: p99 < 50 ms), against the bare route under the same load. */
export async function pollUnderLoad(app: RunningApp, finishedJobId: string, rendering = 4): Promise<void> {
  const ids = await Promise.all(Array.from({ length: rendering }, (_, n) => createJob(app, 100 + n)));
  for (;;) {
    const views = await Promise.all(
      ids.map((id) => fetch(`${app.baseUrl}/api/jobs/${id}`, { headers: app.auth }).then((r) => r.json())),
    );
    if (views.some((v: { status: string }) => v.status === "rendering")) break;
    await sleep(200);
  }
  const cases = pollCases(app, finishedJobId, await etagOf(app, finishedJobId)).filter(
    (c) => c.baseline || c.name.startsWith("poll 304"),
  );
  const figures = new Map<string, Figure>();
  for (const c of cases) figures.set(c.name, await load(app, c.path, c.headers, c.expect, 50));
  printTable(
    `poll under load: ${REQUESTS} requests a figure, 50 connections, started while ${rendering} jobs render (goal: p99 < 50 ms)`,
    cases,
    figures,
  );
  for (const id of ids) {
    for (;;) {
      const view = (await (await fetch(`${app.baseUrl}/api/jobs/${id}`, { headers: app.auth })).json()) as { isFinal: boolean };
      if (view.isFinal) break;
      await sleep(500);
    }
  }
}
