import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/create-job";
import { editScene, moveScene, regenerateScene, removeScene, reorderScenes } from "@/lib/jobs/edit-storyboard";
import { approveStoryboard, cancelJob } from "@/lib/jobs/review-actions";
import { getJobView } from "@/lib/jobs/queries";
import { createJobSchema } from "@/lib/jobs/schemas";
import { canTransition } from "@/lib/jobs/status";
import { transitionJob } from "@/lib/jobs/transition-job";

const OWNER = "local";

before(() => prepareFreshDataDir("lifecycle"));

/** A job parked at awaiting_approval with three drawn scenes, as the runner would leave it. */
async function jobAwaitingApproval(): Promise<{ id: string; sceneIds: string[] }> {
  const job = await createJob(OWNER, createJobSchema.parse({ prompt: "A test story.", sceneCount: 3 }));
  const db = getDb();
  await db.job.update({ where: { id: job.id }, data: { status: "awaiting_approval" } });
  for (let position = 0; position < 3; position++) {
    await db.scene.create({
      data: {
        jobId: job.id,
        position,
        caption: `Scene ${position}`,
        imagePrompt: "p",
        motion: "zoom-in",
        durationSec: 3,
        stillStatus: "ready",
        stillKey: `storyboards/${job.id}/s${position}-r0.jpg`,
      },
    });
  }
  const scenes = await db.scene.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
  return { id: job.id, sceneIds: scenes.map((s) => s.id) };
}

const version = async (id: string) => (await getDb().job.findUniqueOrThrow({ where: { id } })).version;
const status = async (id: string) => (await getDb().job.findUniqueOrThrow({ where: { id } })).status;

async function rejectsWithStatus(promise: Promise<unknown>, httpStatus: number, pattern?: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, `expected AppError, got ${error}`);
    assert.equal(error.status, httpStatus, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

describe("state machine", () => {
  it("allows the pipeline's forward steps and refuses the rest", () => {
    assert.ok(canTransition("queued", "parsing"));
    assert.ok(canTransition("storyboarding", "rendering"), "auto-approve");
    assert.ok(canTransition("awaiting_approval", "storyboarding"), "regenerate");
    assert.ok(!canTransition("rendering", "awaiting_approval"));
    assert.ok(!canTransition("queued", "completed"));
    for (const final of ["completed", "failed", "canceled"] as const) assert.ok(!canTransition(final, "queued"));
  });

  it("writes only when the job is in the expected state, and bumps the version when it does", async () => {
    const { id } = await jobAwaitingApproval();
    const before = await version(id);
    assert.equal(await transitionJob(getDb(), id, "parsing", "storyboarding"), false);
    assert.equal(await status(id), "awaiting_approval");
    assert.equal(await version(id), before, "a refused transition writes nothing");
    assert.equal(await transitionJob(getDb(), id, "awaiting_approval", "rendering"), true);
    assert.equal(await status(id), "rendering");
    assert.equal(await version(id), before + 1);
  });

  it("throws on a transition the state machine does not have", async () => {
    const { id } = await jobAwaitingApproval();
    await assert.rejects(transitionJob(getDb(), id, "completed", "parsing"), /Illegal job transition/);
  });

  it("refuses a write fenced by a lease token the job does not hold", async () => {
    const { id } = await jobAwaitingApproval();
    await getDb().job.update({ where: { id }, data: { leaseToken: "current" } });
    assert.equal(await transitionJob(getDb(), id, "awaiting_approval", "rendering", { leaseToken: "stale" }), false);
    assert.equal(await transitionJob(getDb(), id, "awaiting_approval", "rendering", { leaseToken: "current" }), true);
  });
});

describe("approval and cancel", () => {
  it("approves once; a second approval is a conflict that changes nothing", async () => {
    const { id } = await jobAwaitingApproval();
    await approveStoryboard(OWNER, id);
    const after = await version(id);
    await rejectsWithStatus(approveStoryboard(OWNER, id), 409, /cannot be approved now/);
    assert.equal(await status(id), "rendering");
    assert.equal(await version(id), after);
  });

  it("will not approve while a still is missing", async () => {
    const { id, sceneIds } = await jobAwaitingApproval();
    await getDb().scene.update({ where: { id: sceneIds[1] }, data: { stillStatus: "pending" } });
    await rejectsWithStatus(approveStoryboard(OWNER, id), 409, /not ready/);
    assert.equal(await status(id), "awaiting_approval");
  });

  it("hides other owners' jobs behind a 404", async () => {
    const { id } = await jobAwaitingApproval();
    await rejectsWithStatus(approveStoryboard("someone-else", id), 404);
    await rejectsWithStatus(cancelJob("someone-else", id), 404);
    assert.equal(await status(id), "awaiting_approval");
  });

  it("cancels an unfinished job and refuses to cancel a finished one", async () => {
    const { id } = await jobAwaitingApproval();
    await cancelJob(OWNER, id);
    assert.equal(await status(id), "canceled");
    await rejectsWithStatus(cancelJob(OWNER, id), 409, /cannot be canceled/);
  });
});

describe("storyboard edits", () => {
  it("edits a scene's text and bumps the job's version (the ETag)", async () => {
    const { id, sceneIds } = await jobAwaitingApproval();
    const before = await version(id);
    await editScene(OWNER, id, sceneIds[0]!, { caption: "A new caption" });
    const scene = await getDb().scene.findUniqueOrThrow({ where: { id: sceneIds[0] } });
    assert.equal(scene.caption, "A new caption");
    assert.ok((await version(id)) > before);
  });

  it("refuses edits once the storyboard is approved", async () => {
    const { id, sceneIds } = await jobAwaitingApproval();
    await approveStoryboard(OWNER, id);
    await rejectsWithStatus(
      editScene(OWNER, id, sceneIds[0]!, { caption: "late" }),
      409,
      /can be changed while the storyboard waits for approval or once the video is finished; this job is "rendering clips"/,
    );
    await rejectsWithStatus(regenerateScene(OWNER, id, sceneIds[0]!), 409);
    await rejectsWithStatus(removeScene(OWNER, id, sceneIds[0]!), 409);
    const scene = await getDb().scene.findUniqueOrThrow({ where: { id: sceneIds[0] } });
    assert.equal(scene.caption, "Scene 0");
  });

  it("regenerating a scene sends the job back to storyboarding with a new revision", async () => {
    const { id, sceneIds } = await jobAwaitingApproval();
    await regenerateScene(OWNER, id, sceneIds[2]!);
    const scene = await getDb().scene.findUniqueOrThrow({ where: { id: sceneIds[2] } });
    assert.equal(scene.stillStatus, "pending");
    assert.equal(scene.stillRevision, 1);
    assert.equal(await status(id), "storyboarding");
  });

  it("removes and reorders scenes, keeping positions dense", async () => {
    const { id, sceneIds } = await jobAwaitingApproval();
    await removeScene(OWNER, id, sceneIds[0]!);
    await reorderScenes(OWNER, id, [sceneIds[2]!, sceneIds[1]!]);
    await moveScene(OWNER, id, sceneIds[1]!, -1);
    const scenes = await getDb().scene.findMany({ where: { jobId: id }, orderBy: { position: "asc" } });
    assert.deepEqual(
      scenes.map((s) => [s.id, s.position]),
      [
        [sceneIds[1], 0],
        [sceneIds[2], 1],
      ],
    );
  });

  it("keeps the last scene and rejects an order that is not a permutation", async () => {
    const { id, sceneIds } = await jobAwaitingApproval();
    await removeScene(OWNER, id, sceneIds[0]!);
    await removeScene(OWNER, id, sceneIds[1]!);
    await rejectsWithStatus(removeScene(OWNER, id, sceneIds[2]!), 409, /at least one scene/);
    await rejectsWithStatus(reorderScenes(OWNER, id, [sceneIds[2]!, sceneIds[2]!]), 400, /exactly once/);
    await rejectsWithStatus(editScene(OWNER, id, "cmnotascene00000000", { caption: "x" }), 404);
  });
});

describe("the job view", () => {
  it("shows the estimate and models the job was created with, whatever the configuration says today", async () => {
    const job = await createJob(OWNER, createJobSchema.parse({ prompt: "Made on Replicate last month.", sceneCount: 2 }));
    // As a job made on Replicate before the configuration changed would be stored.
    await getDb().job.update({
      where: { id: job.id },
      data: {
        backend: "replicate",
        estimatedCostUsd: 0.4213,
        clipModel: "kwaivgi/kling-v2.1",
        stillModel: "black-forest-labs/flux-schnell",
      },
    });
    const view = await getJobView(OWNER, job.id);
    assert.equal(view.estimatedCostUsd, 0.4213, "read from the job, not recomputed from today's prices");
    assert.equal(view.backend, "replicate");
  });

  it("says why a job waits, from its row, so any process can say it", async () => {
    const job = await createJob(OWNER, createJobSchema.parse({ prompt: "Waiting for the API.", sceneCount: 2 }));
    await getDb().job.update({ where: { id: job.id }, data: { pausedReason: "Replicate is not answering right now." } });
    assert.equal((await getJobView(OWNER, job.id)).notice, "Replicate is not answering right now.");
    await cancelJob(OWNER, job.id);
    assert.equal((await getJobView(OWNER, job.id)).notice, null, "a stopped job has nothing to wait for");
  });
});
