import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { getDb } from "@/lib/db/client";
import { createJob } from "@/lib/jobs/create-job";
import { cachedJobViewBody, keepJobViewBody } from "@/lib/jobs/job-view-bodies";
import { getJobEtag, getJobViewBody } from "@/lib/jobs/queries";
import { createJobSchema } from "@/lib/jobs/schemas";

const OWNER = "local";

before(() => prepareFreshDataDir("view-bodies"));

async function pollBody(id: string) {
  const etag = await getJobEtag(OWNER, id);
  const answer = await getJobViewBody(OWNER, id, etag);
  return { ...answer, view: JSON.parse(answer.body) as { note: string | null; status: string } };
}

// A row written behind the job's version (never done by the app) shows which answers come from the kept body.
const noteBehindVersion = (id: string, note: string) => getDb().job.update({ where: { id }, data: { note } });

describe("the job poll's kept bodies", () => {
  it("answer a poll that reads the same ETag with the body made for it, and a new version with a new body", async () => {
    const job = await createJob(OWNER, createJobSchema.parse({ prompt: "A lighthouse at dusk.", sceneCount: 2 }));
    const first = await pollBody(job.id);
    await noteBehindVersion(job.id, "written behind the version");
    const again = await pollBody(job.id);
    assert.equal(again.etag, first.etag);
    assert.equal(again.body, first.body, "the same ETag answers with the body made for it");

    await getDb().job.update({ where: { id: job.id }, data: { version: { increment: 1 } } });
    const changed = await pollBody(job.id);
    assert.notEqual(changed.etag, first.etag);
    assert.equal(changed.view.note, "written behind the version", "a new version reads the job afresh");
  });

  it("makes a storyboard's body afresh every time, since its approval outlook follows other jobs' spending", async () => {
    const job = await createJob(OWNER, createJobSchema.parse({ prompt: "A boat in fog.", sceneCount: 2 }));
    await getDb().job.update({ where: { id: job.id }, data: { status: "awaiting_approval", version: { increment: 1 } } });
    const first = await pollBody(job.id);
    await noteBehindVersion(job.id, "a fresh read");
    const again = await pollBody(job.id);
    assert.equal(again.etag, first.etag);
    assert.equal(again.view.note, "a fresh read");
  });

  it("tags a body with the version it was read at, not the one the poll read a moment before", async () => {
    const job = await createJob(OWNER, createJobSchema.parse({ prompt: "A city at night.", sceneCount: 2 }));
    const stale = await getJobEtag(OWNER, job.id);
    await getDb().job.update({ where: { id: job.id }, data: { version: { increment: 1 }, note: "newer" } });
    const answer = await getJobViewBody(OWNER, job.id, stale);
    assert.notEqual(answer.etag, stale);
    assert.equal(answer.etag, await getJobEtag(OWNER, job.id));
    assert.equal(cachedJobViewBody(OWNER, stale), undefined, "nothing is kept under the older tag");
  });

  it("keeps bodies per person and forgets the oldest past its bounds", () => {
    keepJobViewBody("ada", 'W/"j.1"', "{}");
    assert.equal(cachedJobViewBody("bob", 'W/"j.1"'), undefined);
    for (let n = 0; n < 600; n++) keepJobViewBody("ada", `W/"k.${n}"`, `{"n":${n}}`);
    assert.equal(cachedJobViewBody("ada", 'W/"j.1"'), undefined, "the oldest went first");
    assert.equal(cachedJobViewBody("ada", 'W/"k.599"'), '{"n":599}');
    keepJobViewBody("ada", 'W/"huge"', "x".repeat(3 * 1024 * 1024));
    assert.equal(cachedJobViewBody("ada", 'W/"huge"'), undefined, "a body past an eighth of the budget is not kept");
  });
});
