import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { before, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { getDb } from "@/lib/db/client";
import { createJob } from "@/lib/jobs/create-job";
import { LONG_POLL_LIMITS, VERSION_CHECK_MS, waitForJobChange, waitingPolls } from "@/lib/jobs/job-poll-wait";
import { getJobEtag } from "@/lib/jobs/queries";
import { createJobSchema } from "@/lib/jobs/schemas";
import { transitionJob } from "@/lib/jobs/transition-job";

const OWNER = "local";

before(() => prepareFreshDataDir("job-poll-wait"));

async function parsingJob(): Promise<{ jobId: string; etag: string }> {
  const job = await createJob(OWNER, createJobSchema.parse({ prompt: "A kite climbs over the dunes.", sceneCount: 2 }));
  // Out of the queue, whose place in line is part of the ETag: no runner runs in this test.
  await getDb().job.update({ where: { id: job.id }, data: { status: "parsing" } });
  return { jobId: job.id, etag: await getJobEtag(OWNER, job.id) };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe("the job long poll", () => {
  it("answers with the same ETag once the wait is over", async () => {
    const { jobId, etag } = await parsingJob();
    const { value, ms } = await timed(() => waitForJobChange({ userId: OWNER, jobId, etag, seconds: 1 }));
    assert.equal(value, etag);
    assert.ok(ms >= 990 && ms < 1500, `waited ${ms.toFixed(0)} ms`);
    assert.equal(waitingPolls(), 0);
  });

  it("wakes at once for a change made in this process", async () => {
    const { jobId, etag } = await parsingJob();
    const waiting = timed(() => waitForJobChange({ userId: OWNER, jobId, etag, seconds: 10 }));
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(await transitionJob(getDb(), jobId, "parsing", "storyboarding"));
    const { value, ms } = await waiting;
    assert.notEqual(value, etag);
    assert.equal(value, await getJobEtag(OWNER, jobId));
    assert.ok(ms < 50 + VERSION_CHECK_MS, `answered after ${ms.toFixed(0)} ms`);
  });

  it("finds a change another process made within a version check", async () => {
    const { jobId, etag } = await parsingJob();
    const waiting = timed(() => waitForJobChange({ userId: OWNER, jobId, etag, seconds: 10 }));
    await new Promise((r) => setTimeout(r, 2 * VERSION_CHECK_MS));
    await getDb().job.update({ where: { id: jobId }, data: { version: { increment: 1 } } });
    const { value, ms } = await waiting;
    assert.notEqual(value, etag);
    assert.ok(ms < 3 * VERSION_CHECK_MS + 300, `answered after ${ms.toFixed(0)} ms`);
  });

  it("ends when the client goes away", async () => {
    const { jobId, etag } = await parsingJob();
    const gone = new AbortController();
    const waiting = timed(() => waitForJobChange({ userId: OWNER, jobId, etag, seconds: 10, signal: gone.signal }));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(waitingPolls(), 1);
    gone.abort();
    const { value, ms } = await waiting;
    assert.equal(value, etag);
    assert.ok(ms < 200, `ended after ${ms.toFixed(0)} ms`);
    assert.equal(waitingPolls(), 0);
  });

  it("lets one person hold only so many waits; a freed one can be taken again", async () => {
    const { jobId, etag } = await parsingJob();
    const gone = new AbortController();
    const held = Array.from({ length: LONG_POLL_LIMITS.perPerson }, () =>
      waitForJobChange({ userId: OWNER, jobId, etag, seconds: 10, signal: gone.signal }),
    );
    const over = await timed(() => waitForJobChange({ userId: OWNER, jobId, etag, seconds: 10 }));
    assert.ok(over.ms < 100, "one too many answers at once");
    const other = new AbortController();
    const someoneElse = waitForJobChange({ userId: "someone-else", jobId, etag, seconds: 10, signal: other.signal });
    assert.equal(waitingPolls(), LONG_POLL_LIMITS.perPerson + 1, "another person still gets a wait");
    gone.abort();
    other.abort();
    await Promise.all([...held, someoneElse]);
    const again = new AbortController();
    const retaken = timed(() => waitForJobChange({ userId: OWNER, jobId, etag, seconds: 10, signal: again.signal }));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(waitingPolls(), 1);
    again.abort();
    assert.ok((await retaken).ms >= 100);
  });
});
