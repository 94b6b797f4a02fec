import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, describe, it } from "node:test";
import { apiClient } from "../helpers/api-client";
import { readLedger as ledger } from "../helpers/read-db";
import { listFiles, startApp, startWorker, type RunningApp, type RunningWorker } from "../helpers/start-app";
import { waitFor } from "../helpers/wait-for";

const running: Array<RunningApp | RunningWorker> = [];
after(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

/** ffmpeg processes working on this job's files (their paths carry the job id). */
function ffmpegFor(jobId: string): string[] {
  const ps = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
  return ps.split("\n").filter((line) => line.includes("ffmpeg") && line.includes(jobId));
}

describe("two workers on one queue", () => {
  it(
    "share the jobs without ever running one step twice, and waiting jobs show their place in line",
    { timeout: 240_000 },
    async () => {
      const app = await startApp({ RUN_WORKER: "false" });
      running.push(app);
      // Short polls make both workers try to claim the same job at nearly the same instant, again and again.
      const env = { WORKER_POLL_MS: "50", WORKER_JOB_CONCURRENCY: "2", LOCAL_BACKEND_DELAY_MS: "100", LEASE_SECONDS: "5" };
      const workers = [await startWorker(app.dataDir, env), await startWorker(app.dataDir, env)];
      running.push(...workers);
      const api = apiClient(app.baseUrl, app.token);
      const jobs = [];
      for (let i = 0; i < 6; i++) {
        jobs.push(
          await api.createJob({
            prompt: `Race ${i}. A kite climbs over the dunes. It dives toward the sea.`,
            sceneCount: 2,
            autoApprove: true,
          }),
        );
      }
      // Four slots between the two workers: the sixth job waits, and says so.
      const last = await api.getJob(jobs[5]!.id);
      assert.ok(
        last.queuePosition != null && last.queuePosition >= 1,
        `queuePosition ${last.queuePosition} while ${last.status}`,
      );

      for (const job of jobs) await api.waitForStatus(job.id, ["completed"], 180_000);

      const rows = ledger(app.dataDir);
      assert.equal(rows.length, jobs.length * 6, "one call per step: scenes, 2 stills, 2 clips, stitch");
      assert.deepEqual([...new Set(rows.map((r) => r.status))], ["succeeded"], "nothing was interrupted, canceled or redone");
      const keys = rows.map((r) => `${r.jobId}/${r.sceneId}/${r.kind}`);
      assert.equal(new Set(keys).size, keys.length, "no step ran twice");
      const worked = workers.map((w) => (w.logs().match(/"stage started"/g) ?? []).length);
      assert.ok(
        worked.every((n) => n > 0),
        `both workers did work: ${worked}`,
      );
      console.log(
        `two workers: ${jobs.length} jobs, ${rows.length} calls, stages started per worker ${worked.join(" + ")}, 0 duplicates`,
      );
    },
  );
});

describe("cancel", () => {
  const STAGES = ["parsing", "storyboarding", "awaiting_approval", "rendering", "stitching"] as const;

  it(
    "in every stage stops the work at once, ends the job canceled, and leaves no temp file or further call",
    { timeout: 240_000 },
    async () => {
      const app = await startApp({ LOCAL_BACKEND_DELAY_MS: "400", WORKER_POLL_MS: "100" });
      running.push(app);
      const api = apiClient(app.baseUrl, app.token);
      for (const stage of STAGES) {
        const job = await api.createJob({
          prompt: `Cancel in ${stage}. A fox crosses the frozen lake. It stops at the far shore. The moon rises.`,
          sceneCount: 3,
          autoApprove: stage !== "awaiting_approval",
        });
        await api.waitForStatus(job.id, [stage], 90_000, 20);
        const res = await api.request("POST", `/api/jobs/${job.id}/cancel`);
        const canceledAt = Date.now();
        assert.equal(res.status, 200, `${stage}: ${JSON.stringify(res.json)}`);
        assert.equal(res.json.status, "canceled");

        await waitFor(
          `${stage}: no running call or ffmpeg left (${JSON.stringify(ledger(app.dataDir, job.id))})`,
          () => ledger(app.dataDir, job.id).every((r) => r.status !== "running") && ffmpegFor(job.id).length === 0,
          { timeoutMs: 3000 },
        );
        const files = listFiles(app.dataDir).filter((f) => f.includes(job.id));
        const calls = ledger(app.dataDir, job.id);
        // Watching for something that must not happen: a window longer than several runner ticks (100 ms polls).
        await new Promise((r) => setTimeout(r, 1500));
        assert.deepEqual(ledger(app.dataDir, job.id), calls, `${stage}: no call started or changed after the cancel`);
        assert.ok(
          calls.every((c) => Date.parse(c.startedAt) <= canceledAt),
          `${stage}: a call started after the cancel at ${canceledAt}: ${JSON.stringify(calls)}`,
        );
        assert.deepEqual(
          listFiles(app.dataDir).filter((f) => f.includes(job.id)),
          files,
          `${stage}: no file written after the cancel`,
        );
        assert.deepEqual(
          files.filter((f) => f.includes(".part")),
          [],
          `${stage}: temp files removed`,
        );

        const after = await api.getJob(job.id);
        assert.deepEqual([after.status, after.isFinal, after.queuePosition], ["canceled", true, null]);
        const again = await api.request("POST", `/api/jobs/${job.id}/cancel`);
        assert.equal(again.status, 409);
        assert.match(again.json.error.message, /cannot be canceled now: it is "canceled"/);
        console.log(
          `cancel in ${stage}: ${calls.length} calls before it (${calls.filter((c) => c.status === "canceled").length} cut short)`,
        );
      }
    },
  );

  it("of a new version stops it and leaves the job playing the version it had", { timeout: 120_000 }, async () => {
    const app = await startApp({ LOCAL_BACKEND_DELAY_MS: "400", WORKER_POLL_MS: "100" });
    running.push(app);
    const api = apiClient(app.baseUrl, app.token);
    const job = await api.createJob({ prompt: "A fox crosses the lake. The moon rises.", sceneCount: 2, autoApprove: true });
    const v1 = await api.waitForStatus(job.id, ["completed"], 90_000);
    const scene = v1.scenes[0]!;
    await api.request("PATCH", `/api/jobs/${job.id}/scenes/${scene.id}`, { durationSec: scene.durationSec + 1 });
    assert.equal((await api.request("POST", `/api/jobs/${job.id}/versions`)).status, 202);
    await waitFor(
      "v2's clip to be started",
      () => ledger(app.dataDir, job.id).some((r) => r.kind === "clip" && r.status === "running"),
      {
        timeoutMs: 30_000,
        intervalMs: 20,
      },
    );
    const res = await api.request("POST", `/api/jobs/${job.id}/cancel`);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.deepEqual([res.json.status, res.json.currentVersion, res.json.videoUrl], ["completed", 1, v1.videoUrl]);
    assert.equal(res.json.versions[0].status, "canceled");
    await waitFor("no running call left", () => ledger(app.dataDir, job.id).every((r) => r.status !== "running"), {
      timeoutMs: 3000,
    });
    assert.ok(
      ledger(app.dataDir, job.id).some((r) => r.kind === "clip" && r.status === "canceled"),
      "the cut-short call is canceled",
    );
    // The draft is kept: rendering it again is the same version number, taken up from the start.
    const again = await api.request("POST", `/api/jobs/${job.id}/versions`);
    assert.equal(again.status, 202);
    assert.equal(again.json.number, 2);
    assert.equal((await api.waitForStatus(job.id, ["completed"], 90_000)).currentVersion, 2);
  });
});
