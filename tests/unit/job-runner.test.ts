import assert from "node:assert/strict";
import fs from "node:fs";
import { before, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { waitFor } from "../helpers/wait-for";
import { getDb } from "@/lib/db/client";
import { createJob } from "@/lib/jobs/create-job";
import { cancelJob } from "@/lib/jobs/review-actions";
import { createJobSchema } from "@/lib/jobs/schemas";
import { probeVideo } from "@/lib/media/probe-video";
import { localBackend } from "@/lib/backends";
import type { GenerationBackend } from "@/lib/backends/types";
import { JobRunner } from "@/lib/queue/job-runner";
import { claimJob, renewLease } from "@/lib/queue/lease";
import { queuePositionOf, queuePositions } from "@/lib/queue/queue-position";
import { pathForKey } from "@/lib/storage/file-storage";

before(() => prepareFreshDataDir("runner"));

function runnerWith(backend: GenerationBackend, jobId: string) {
  return new JobRunner({ db: getDb(), backend: () => backend, concurrency: 1, pollMs: 50, leaseMs: 5000, onlyJobId: jobId });
}

const waitForStatus = (jobId: string, wanted: string[], timeoutMs = 60_000) =>
  waitFor(
    `job ${jobId} to be ${wanted.join(" or ")}`,
    async () => {
      const job = await getDb().job.findUniqueOrThrow({ where: { id: jobId } });
      return wanted.includes(job.status) ? job : null;
    },
    { timeoutMs },
  );

const newJob = (input: Record<string, unknown>) => createJob("local", createJobSchema.parse({ seed: 11, ...input }));

describe("job runner on the local back end", () => {
  it("takes an auto-approved job from queued to a verified final.mp4, recording every call", async () => {
    const job = await newJob({
      prompt: "A paper boat sails down a rainy street. It reaches the sea.",
      sceneCount: 2,
      aspectRatio: "1:1",
      autoApprove: true,
    });
    const runner = runnerWith(localBackend, job.id);
    runner.start();
    const done = await waitForStatus(job.id, ["completed", "failed"]);
    await runner.stop();
    assert.equal(done.status, "completed", done.error ?? "");
    assert.equal(done.leaseToken, null, "the lease is released");
    const probe = await probeVideo(pathForKey(done.videoKey!));
    assert.equal(probe.codec, "h264");
    assert.deepEqual([probe.width, probe.height], [720, 720]);
    assert.ok(Math.abs(probe.durationSec - done.durationSec!) < 0.2);
    assert.ok(fs.statSync(pathForKey(done.posterKey!)).size > 1000);
    const ledger = await getDb().generation.findMany({ where: { jobId: job.id } });
    const kinds = ledger.map((g) => g.kind).sort();
    assert.deepEqual(kinds, ["clip", "clip", "scenes", "still", "still", "stitch"]);
    assert.ok(ledger.every((g) => g.status === "succeeded" && g.finishedAt && g.inputHash.length === 32));
  });

  it("fails a job whose clip cannot be rendered, with the reason in plain words", async () => {
    const broken: GenerationBackend = {
      ...localBackend,
      animator: {
        model: "test/broken",
        animate: async () => {
          throw new Error("encoder exploded: stack trace here");
        },
      },
    };
    const job = await newJob({ prompt: "Two scenes. Of a failure.", sceneCount: 2, autoApprove: true });
    const runner = runnerWith(broken, job.id);
    runner.start();
    const done = await waitForStatus(job.id, ["completed", "failed"]);
    await runner.stop();
    assert.equal(done.status, "failed");
    assert.equal(done.error, "Rendering the clip for scene 1 failed.");
    assert.equal(done.failedStage, "rendering");
    const scene = await getDb().scene.findFirstOrThrow({ where: { jobId: job.id, position: 0 } });
    assert.equal(scene.clipStatus, "failed");
    const ledger = await getDb().generation.findFirstOrThrow({ where: { jobId: job.id, kind: "clip" } });
    assert.equal(ledger.status, "failed");
    assert.match(ledger.error ?? "", /encoder exploded/);
  });

  it("stops a running step when the job is canceled, and writes nothing after", async () => {
    let started!: () => void;
    const animating = new Promise<void>((resolve) => (started = resolve));
    const slow: GenerationBackend = {
      ...localBackend,
      animator: {
        model: "test/slow",
        animate: (_input, signal) =>
          new Promise((_resolve, reject) => {
            started();
            signal.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })));
          }),
      },
    };
    const job = await newJob({ prompt: "A very slow render. Still going.", sceneCount: 2, autoApprove: true });
    // A minute-long lease: letting go within the 5 s below cannot be the heartbeat's doing (every 20 s here).
    const runner = new JobRunner({
      db: getDb(),
      backend: () => slow,
      concurrency: 1,
      pollMs: 50,
      leaseMs: 60_000,
      onlyJobId: job.id,
    });
    runner.start();
    await animating;
    await cancelJob("local", job.id);
    await waitFor("the runner to let go of the canceled job", () => runner.activeJobIds.length === 0, { timeoutMs: 5000 });
    await runner.stop();
    const done = await getDb().job.findUniqueOrThrow({ where: { id: job.id } });
    assert.equal(done.status, "canceled");
    const clip = await getDb().generation.findFirstOrThrow({ where: { jobId: job.id, kind: "clip" } });
    assert.equal(clip.status, "canceled");
  });
});

describe("leases", () => {
  it("lets one runner hold a job until its lease expires, then fences the old holder out", async () => {
    const job = await newJob({ prompt: "Leased.", sceneCount: 2 });
    const first = await claimJob(getDb(), job.id, "runner-a", 200);
    assert.ok(first);
    assert.equal(await claimJob(getDb(), job.id, "runner-b", 200), null, "a held lease cannot be claimed");
    await new Promise((r) => setTimeout(r, 250));
    const second = await claimJob(getDb(), job.id, "runner-b", 5000);
    assert.ok(second, "an expired lease is taken over");
    assert.equal(await renewLease(getDb(), job.id, first, 5000), false, "the old holder cannot renew");
  });

  it("gives each unclaimed job its place in line, oldest first, and none to a claimed one", async () => {
    const db = getDb();
    const jobs = [];
    for (const n of [1, 2, 3]) jobs.push(await newJob({ prompt: `Waiting in line, number ${n}.`, sceneCount: 2 }));
    const rows = await Promise.all(jobs.map((j) => db.job.findUniqueOrThrow({ where: { id: j.id } })));
    const before = await Promise.all(rows.map((r) => queuePositionOf(db, r)));
    assert.deepEqual(
      before.map((p) => p! - before[0]!),
      [0, 1, 2],
      "consecutive, oldest first",
    );
    assert.ok(await claimJob(db, jobs[0]!.id, "runner-q", 5000));
    const claimed = await db.job.findUniqueOrThrow({ where: { id: jobs[0]!.id } });
    assert.equal(await queuePositionOf(db, claimed), null, "a claimed job is not waiting");
    const after = await Promise.all(rows.slice(1).map((r) => queuePositionOf(db, r)));
    assert.deepEqual(after, [before[0], before[0]! + 1], "the others move up one");
    const all = await queuePositions(db);
    assert.deepEqual([all.get(jobs[1]!.id), all.get(jobs[2]!.id), all.has(jobs[0]!.id)], [...after, false]);
  });

  it("never hands a disabled person's job to a runner", async () => {
    const db = getDb();
    const job = await newJob({ prompt: "Started just as its owner was disabled.", sceneCount: 2, autoApprove: true });
    await db.user.update({ where: { id: "local" }, data: { banned: true } });
    try {
      assert.equal(await claimJob(db, job.id, "runner-b", 5000), null, "no claim on it");
      const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      assert.equal(row.status, "queued", "it waits, spending nothing");
    } finally {
      await db.user.update({ where: { id: "local" }, data: { banned: false } });
    }
    assert.ok(await claimJob(db, job.id, "runner-b", 5000), "claimable again once the person is enabled");
  });
});
