import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { apiClient } from "../helpers/api-client";
import { readLedger } from "../helpers/read-db";
import { startApp, type RunningApp } from "../helpers/start-app";
import { makeFlakyFfmpeg } from "../fakes/flaky-ffmpeg";

const ffmpeg = makeFlakyFfmpeg();
let app: RunningApp;
let api: ReturnType<typeof apiClient>;

before(async () => {
  app = await startApp({ FFMPEG_PATH: ffmpeg.path });
  api = apiClient(app.baseUrl, app.token);
});
after(async () => {
  ffmpeg.fixIt();
  await app?.stop();
});

function succeededCalls(jobId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of readLedger(app.dataDir, jobId))
    counts[`${row.kind}:${row.status}`] = (counts[`${row.kind}:${row.status}`] ?? 0) + 1;
  return counts;
}

describe("a failed step, then Retry", () => {
  it("fails with a reason a person can read, then resumes at the failed step without redrawing the storyboard", async () => {
    ffmpeg.breakIt();
    const job = await api.createJob({
      prompt: "A paper lantern floats over the river at night. It rises into the stars.",
      sceneCount: 2,
      autoApprove: true,
    });
    const failed = await api.waitForStatus(job.id, ["failed"], 60_000).catch(async () => api.getJob(job.id));
    assert.equal(failed.status, "failed");
    assert.equal(failed.error, "Rendering the clip for scene 1 failed.");
    assert.equal(failed.scenes[0]?.clipStatus, "failed");
    assert.deepEqual(
      failed.scenes.map((s) => s.stillStatus),
      ["ready", "ready"],
    );
    assert.ok(!JSON.stringify(failed).includes("simulated encoder crash"), "no raw tool output reaches the API");

    const gallery = await api.request("GET", "/api/jobs");
    assert.equal(gallery.json.jobs[0].error, "Rendering the clip for scene 1 failed.");

    ffmpeg.fixIt();
    const retried = await api.request("POST", `/api/jobs/${job.id}/retry`);
    assert.equal(retried.status, 200);
    assert.equal(retried.json.status, "rendering");
    assert.equal(retried.json.error, null);
    const again = await api.request("POST", `/api/jobs/${job.id}/retry`);
    assert.equal(again.status, 409);

    const done = await api.waitForStatus(job.id, ["completed"], 60_000);
    assert.ok(done.videoUrl);
    assert.deepEqual(succeededCalls(job.id), {
      "scenes:succeeded": 1,
      "still:succeeded": 2, // the storyboard was not drawn again
      "clip:failed": 1,
      "clip:succeeded": 2,
      "stitch:succeeded": 1,
    });
  });

  it("refuses to retry a job that has not failed", async () => {
    const job = await api.createJob({ prompt: "Two clouds meet over a hill.", sceneCount: 2 });
    await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
    const res = await api.request("POST", `/api/jobs/${job.id}/retry`);
    assert.equal(res.status, 409);
    assert.match(res.json.error.message, /cannot be retried now/);
    assert.equal((await api.getJob(job.id)).status, "awaiting_approval");
  });
});
