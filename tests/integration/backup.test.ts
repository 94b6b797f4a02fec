import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import type { JobView } from "@/lib/jobs/job-view";
import type { BackupManifest } from "@/lib/ops/backup-manifest";
import { probeVideo } from "@/lib/media/probe-video";
import { apiClient } from "../helpers/api-client";
import { invitePerson } from "../helpers/invite-person";
import { queryDb } from "../helpers/read-db";
import { OWNER, runScript, startApp, type RunningApp } from "../helpers/start-app";

// An operator's backup of a studio that is busy rendering, restored on an empty disk: the new studio has every
// job, account, token and file of the old one, and its videos play.

const running: RunningApp[] = [];
after(async () => {
  await Promise.all(running.map((app) => app.stop()));
});

const PERSON = { name: "Second Person", email: "second@storyreel.test", password: "second person's password" };
// Slow enough that the second job is still rendering while the backup runs; short leases, so the restored studio
// takes the interrupted job over quickly.
const ENV = { LOCAL_BACKEND_DELAY_MS: "1500", WORKER_POLL_MS: "100", LEASE_SECONDS: "5" };
const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const ids = (dataDir: string, table: string) =>
  queryDb<{ id: string }>(dataDir, `SELECT id FROM "${table}" ORDER BY id`).map((row) => row.id);

async function downloadAndProbe(app: RunningApp, token: string, job: JobView): Promise<void> {
  assert.ok(job.videoUrl, `job ${job.id} has a video`);
  const response = await fetch(`${app.baseUrl}${job.videoUrl}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `the video of ${job.id} downloads`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-played-")), "video.mp4");
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  const probe = await probeVideo(file);
  assert.equal(probe.codec, "h264");
  assert.ok(probe.durationSec > 1, `${job.id} plays for ${probe.durationSec} s`);
}

describe("npm run backup while the studio renders, then npm run restore on an empty disk", () => {
  it("brings back every job, account, token and file, and the videos play", { timeout: 240_000 }, async () => {
    const app = await startApp(ENV);
    running.push(app);
    const owner = apiClient(app.baseUrl, app.token);
    const finished = await owner.createJob({ prompt: "A kite rises over the dunes. It dips.", sceneCount: 2, autoApprove: true });
    await owner.waitForStatus(finished.id, ["completed"]);
    const personToken = await invitePerson(app, PERSON);
    const person = apiClient(app.baseUrl, personToken);
    const busy = await person.createJob({
      prompt: "A train crosses a bridge. Fog lifts. A station wakes.",
      sceneCount: 3,
      autoApprove: true,
    });
    await person.waitForStatus(busy.id, ["rendering"]);

    // The browser's poll keeps the server busy while the backup copies.
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-backup-")), "nightly");
    let polling = true;
    const polls = (async () => {
      let count = 0;
      while (polling) {
        assert.equal((await person.request("GET", `/api/jobs/${busy.id}`)).status, 200);
        count++;
      }
      return count;
    })();
    const backup = await runScript(app.dataDir, "backup", ["--out", out]);
    polling = false;
    assert.ok((await polls) > 0);
    assert.equal(backup.status, 0, backup.stderr);
    const counts = `${ids(out, "Job").length} jobs, ${ids(out, "User").length} accounts, ${ids(out, "Apikey").length} API tokens`;
    assert.equal(counts, "2 jobs, 2 accounts, 2 API tokens", "the owner and the person, a token each");
    assert.match(backup.stdout, new RegExp(`backed up ${counts} and \\d+ files`));
    assert.equal((await person.getJob(busy.id)).isFinal, false, "the backup was taken while the job was still being made");
    await app.stop();

    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as BackupManifest;
    assert.ok(manifest.files.some((file) => file.path === `videos/${finished.id}/final.mp4`));
    assert.ok(manifest.files.some((file) => file.path.startsWith(`storyboards/${busy.id}/`)));

    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-restored-")), "data");
    const restore = await runScript(dataDir, "restore", [out]);
    assert.equal(restore.status, 0, restore.stderr);
    assert.match(restore.stdout, new RegExp(`restored ${counts}`));
    for (const file of manifest.files) assert.equal(sha256(path.join(dataDir, file.path)), file.sha256, file.path);
    for (const table of ["Job", "User", "Apikey", "Scene", "Session"]) {
      assert.deepEqual(ids(dataDir, table), ids(out, table), `every ${table} row is back`);
    }

    const restored = await startApp(ENV, { dataDir });
    running.push(restored);
    // The old tokens and sessions work on the new disk; both people can sign in with their passwords.
    const ownerAgain = apiClient(restored.baseUrl, app.token);
    const personAgain = apiClient(restored.baseUrl, personToken);
    const listed = await ownerAgain.request("GET", "/api/jobs");
    assert.equal(listed.status, 200);
    const bySession = await fetch(`${restored.baseUrl}/api/jobs/${finished.id}`, { headers: { Cookie: app.cookie } });
    assert.equal(bySession.status, 200, "a browser signed in before the backup is still signed in (sessions and their key)");
    for (const who of [OWNER, PERSON]) {
      const signIn = await fetch(`${restored.baseUrl}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: restored.baseUrl },
        body: JSON.stringify({ email: who.email, password: who.password }),
      });
      assert.equal(signIn.status, 200, `${who.email} signs in`);
    }
    const finishedAgain = await ownerAgain.getJob(finished.id);
    assert.equal(finishedAgain.status, "completed");
    await downloadAndProbe(restored, app.token, finishedAgain);
    // The job the backup caught half-made is taken over by the restored studio and finishes there.
    const busyAgain = await personAgain.waitForStatus(busy.id, ["completed"], 120_000);
    await downloadAndProbe(restored, personToken, busyAgain);
  });
});
