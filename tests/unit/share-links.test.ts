import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { getDb } from "@/lib/db/client";
import { createJob } from "@/lib/jobs/create-job";
import { createJobSchema } from "@/lib/jobs/schemas";
import { createShareLink, findSharedVideo, SHARE_PREFIX, stopSharing } from "@/lib/jobs/share-links";
import { writeFileAtomic } from "@/lib/storage/file-storage";

const OWNER = "local";

before(() => prepareFreshDataDir("share-links"));

async function finishedJob(): Promise<string> {
  const job = await createJob(OWNER, createJobSchema.parse({ prompt: "A lantern floats up.", sceneCount: 2 }));
  const videoKey = `videos/${job.id}/final.mp4`;
  await writeFileAtomic(videoKey, Buffer.from("not really a video"));
  await getDb().job.update({ where: { id: job.id }, data: { status: "completed", videoKey } });
  return job.id;
}

const plays = (path: string) =>
  findSharedVideo(path.slice(SHARE_PREFIX.length)).then(
    () => true,
    () => false,
  );

describe("share links", () => {
  // Started together, the five reads of the job are queued before any write: each request sees no key yet.
  it("requests that arrive together all sign with the one key the job keeps", async () => {
    const jobId = await finishedJob();
    const links = await Promise.all(Array.from({ length: 5 }, () => createShareLink(OWNER, jobId, 7)));
    const playing = await Promise.all(links.map((l) => plays(l.path)));
    assert.deepEqual(playing, [true, true, true, true, true], "every link returned plays");
    const { shareKey } = await getDb().job.findUniqueOrThrow({ where: { id: jobId } });
    assert.ok(shareKey);

    // A later request keeps the key, so the earlier links go on playing; only stopping sharing ends them.
    const later = await createShareLink(OWNER, jobId, 30);
    assert.equal((await getDb().job.findUniqueOrThrow({ where: { id: jobId } })).shareKey, shareKey);
    assert.ok((await Promise.all([...links, later].map((l) => plays(l.path)))).every(Boolean));
    await stopSharing(OWNER, jobId);
    assert.ok((await Promise.all([...links, later].map((l) => plays(l.path)))).every((p) => !p));
    const again = await Promise.all(Array.from({ length: 5 }, () => createShareLink(OWNER, jobId, 7)));
    assert.ok((await Promise.all(again.map((l) => plays(l.path)))).every(Boolean), "sharing again works the same way");
    assert.notEqual((await getDb().job.findUniqueOrThrow({ where: { id: jobId } })).shareKey, shareKey, "a new key");
  });
});
