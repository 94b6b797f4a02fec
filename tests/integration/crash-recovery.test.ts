import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { apiClient } from "../helpers/api-client";
import { queryDb, readJobRow } from "../helpers/read-db";
import { listFiles, startApp, type RunningApp } from "../helpers/start-app";
import { probeVideo } from "@/lib/media/probe-video";

// The server is SIGKILLed (with its ffmpeg children) in every stage, twice, at different instants,
// then started again on the same DATA_DIR. Every job must still finish, with each step's work kept once.
const STAGES = ["parsing", "storyboarding", "awaiting_approval", "rendering", "stitching"] as const;
const KILL_DELAYS_MS = [0, 250];
const ENV = { LOCAL_BACKEND_DELAY_MS: "350", WORKER_POLL_MS: "100", LEASE_SECONDS: "5" };

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-crash-"));
let app: RunningApp | undefined;

after(async () => {
  await app?.stop();
});

let token = "";

describe("crash recovery", () => {
  it("finishes every job after SIGKILLs in each stage, with no step's result recorded twice", { timeout: 240_000 }, async () => {
    app = await startApp(ENV, { dataDir });
    // The token lives in the database: restarts reuse it instead of signing in again while the job moves on.
    token = app.token;
    const jobs: { id: string; stage: string; killedIn: string[] }[] = [];

    for (const stage of STAGES) {
      const api = apiClient(app.baseUrl, token);
      const job = await api.createJob({
        prompt: `Crash test in ${stage}. A lighthouse keeper climbs the tower at night. The lamp shines over the sea.`,
        sceneCount: 2,
        autoApprove: stage !== "awaiting_approval",
      });
      const record = { id: job.id, stage, killedIn: [] as string[] };
      jobs.push(record);
      for (const delay of KILL_DELAYS_MS) {
        await apiClient(app.baseUrl, token).waitForStatus(job.id, [stage], 60_000, 20);
        await new Promise((r) => setTimeout(r, delay));
        if (stage === "rendering") plantPartialFile(job.id);
        await app.kill();
        record.killedIn.push(readJobRow(dataDir, job.id).status);
        app = await startApp(ENV, { dataDir, owner: false });
      }
      const restarted = apiClient(app.baseUrl, token);
      if (stage === "awaiting_approval") {
        assert.equal((await restarted.request("POST", `/api/jobs/${job.id}/approve`)).status, 200);
      }
      const done = await restarted.waitForStatus(job.id, ["completed"], 90_000);
      const probe = await probeFinal(done.videoUrl!, token);
      const expected = done.scenes.reduce((sum, s) => sum + s.durationSec, 0);
      assert.ok(Math.abs(probe.durationSec - expected) <= expected * 0.1, `duration ${probe.durationSec} vs ${expected}`);
    }

    const [running] = queryDb<{ n: number }>(dataDir, "SELECT COUNT(*) AS n FROM Generation WHERE status = 'running'");
    const duplicates = queryDb(
      dataDir,
      `SELECT jobId, sceneId, kind, COUNT(*) AS n FROM Generation WHERE status = 'succeeded'
       GROUP BY jobId, sceneId, kind, inputHash HAVING n > 1`,
    );
    const perJob = queryDb<{ jobId: string; scenes: number; stills: number; clips: number; stitches: number }>(
      dataDir,
      `SELECT jobId, SUM(kind = 'scenes') AS scenes, SUM(kind = 'still') AS stills, SUM(kind = 'clip') AS clips,
              SUM(kind = 'stitch') AS stitches FROM Generation WHERE status = 'succeeded' GROUP BY jobId`,
    );
    const [interrupted] = queryDb<{ n: number }>(dataDir, "SELECT COUNT(*) AS n FROM Generation WHERE status = 'interrupted'");

    assert.equal(running?.n, 0, "no call is left looking as if it were still running");
    assert.deepEqual(duplicates, [], "no step's result is recorded twice");
    for (const row of perJob) assert.deepEqual([row.scenes, row.stills, row.clips, row.stitches], [1, 2, 2, 1], row.jobId);
    assert.equal(perJob.length, STAGES.length);
    assert.deepEqual(
      listFiles(dataDir).filter((f) => f.includes(".part")),
      [],
      "no half-written file is left",
    );

    const kills = jobs.reduce((n, j) => n + j.killedIn.length, 0);
    console.log(
      `crash recovery: ${kills} kills, ${jobs.length} jobs, ${jobs.length} completed, 0 duplicate results, ` +
        `${interrupted?.n} interrupted calls redone; killed in ${jobs.map((j) => j.killedIn.join("+")).join(", ")}`,
    );
  });
});

/** What a kill between writing a temp file and renaming it leaves behind. */
function plantPartialFile(jobId: string): void {
  const dir = path.join(dataDir, "clips", jobId);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `planted.mp4.0badc0de.part.mp4`), "half a file");
}

async function probeFinal(url: string, token: string) {
  const response = await fetch(`${app!.baseUrl}${url}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-dl-")), "final.mp4");
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return probeVideo(file);
}

describe("graceful shutdown", () => {
  it(
    "on SIGTERM mid-render, exits promptly, hands its lease back, and the job resumes after a restart",
    { timeout: 120_000 },
    async () => {
      app ??= await startApp(ENV, { dataDir });
      token ||= app.token;
      const job = await apiClient(app.baseUrl, token).createJob({
        prompt: "A train crosses a snowy valley. It enters a tunnel.",
        sceneCount: 2,
        autoApprove: true,
      });
      await apiClient(app.baseUrl, token).waitForStatus(job.id, ["rendering"], 60_000, 20);
      const started = Date.now();
      await app.stop();
      const seconds = (Date.now() - started) / 1000;
      assert.ok(seconds < 5, `took ${seconds}s to stop`);
      const row = readJobRow(dataDir, job.id);
      assert.deepEqual([row.status, row.leaseOwner], ["rendering", null]);

      app = await startApp(ENV, { dataDir, owner: false });
      await apiClient(app.baseUrl, token).waitForStatus(job.id, ["completed"], 90_000);
    },
  );
});
