import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { JobView } from "@/lib/jobs/job-view";
import { probeVideo } from "@/lib/media/probe-video";
import { apiClient } from "../helpers/api-client";
import { invitePerson } from "../helpers/invite-person";
import { queryDb } from "../helpers/read-db";
import { startApp, type RunningApp } from "../helpers/start-app";

// Refining a finished video on the local back end, over HTTP: only what changed is made again, every version keeps
// its own files, and an older version can be brought back.
let app: RunningApp;
let api: ReturnType<typeof apiClient>;

before(async () => {
  app = await startApp();
  api = apiClient(app.baseUrl, app.token);
});
after(async () => app?.stop());

const fileOf = (url: string) => path.join(app.dataDir, url.replace(/^\/api\/media\//, "").replace(/\?.*$/, ""));
const checksum = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
type Call = { kind: string; sceneId: string | null; status: string };
const callsFor = (jobId: string, version: number) =>
  queryDb<Call>(
    app.dataDir,
    `SELECT kind, sceneId, status FROM Generation WHERE jobId = ? AND versionNumber = ? ORDER BY rowid`,
    jobId,
    version,
  );

async function newVersion(job: JobView, wanted: number): Promise<JobView> {
  const started = await api.request("POST", `/api/jobs/${job.id}/versions`);
  assert.equal(started.status, 202, JSON.stringify(started.json));
  assert.equal(started.json.number, wanted);
  // A second click while it renders changes nothing.
  const twice = await api.request("POST", `/api/jobs/${job.id}/versions`);
  assert.equal(twice.status, 409);
  assert.match(twice.json.error.message, new RegExp(`Version ${wanted} is rendering|nothing changed`, "i"));
  const done = await api.waitForStatus(job.id, ["completed"]);
  assert.equal(done.currentVersion, wanted);
  return done;
}

describe("versions of a finished video", () => {
  let v1: JobView;
  const clipSums = new Map<string, string>();

  it("a 4-scene job finishes as v1", async () => {
    const created = await api.createJob({
      prompt: "A lighthouse keeper, a storm, a rescue, a dawn",
      sceneCount: 4,
      targetSeconds: 8,
    });
    await api.waitForStatus(created.id, ["awaiting_approval"]);
    assert.equal((await api.request("POST", `/api/jobs/${created.id}/approve`)).status, 200);
    v1 = await api.waitForStatus(created.id, ["completed"]);
    assert.equal(v1.currentVersion, 1);
    assert.equal(v1.versions.length, 1);
    assert.equal(v1.versions[0]!.status, "completed");
    assert.equal(v1.versions[0]!.summary, "First cut");
    for (const scene of v1.scenes) clipSums.set(scene.id, checksum(fileOf(scene.clipUrl!)));
    const nothing = await api.request("POST", `/api/jobs/${v1.id}/versions`);
    assert.equal(nothing.status, 409);
    assert.match(nothing.json.error.message, /Nothing changed since version 1/);
  });

  it("a caption and motion changed on one scene: one new clip and a stitch, three clips reused byte for byte", async () => {
    const scene = v1.scenes[1]!;
    const motion = scene.motion === "pan-left" ? "pan-right" : "pan-left";
    const edited = await api.request("PATCH", `/api/jobs/${v1.id}/scenes/${scene.id}`, {
      caption: "The boat turns back",
      motion,
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.json));
    const estimate = await api.request("GET", `/api/jobs/${v1.id}/versions/estimate`);
    assert.equal(estimate.status, 200);
    assert.deepEqual(estimate.json.clipsToRender, [2]);
    assert.deepEqual(estimate.json.clipsReused, [1, 3, 4]);
    assert.deepEqual(estimate.json.changedScenes, [{ sceneId: scene.id, scene: 2, changes: ["caption", "motion"] }]);
    assert.equal(estimate.json.totalUsd, 0);

    const v1Video = checksum(fileOf(v1.videoUrl!));
    const v2 = await newVersion(v1, 2);
    const calls = callsFor(v1.id, 2);
    assert.deepEqual(
      calls.map((c) => [c.kind, c.sceneId]),
      [
        ["clip", scene.id],
        ["stitch", null],
      ],
    );
    for (const s of v2.scenes) {
      if (s.id === scene.id) assert.notEqual(s.clipUrl, v1.scenes[1]!.clipUrl);
      else assert.equal(checksum(fileOf(s.clipUrl!)), clipSums.get(s.id), `scene ${s.position + 1}'s clip is reused`);
    }
    // v1 is still there, unchanged, and downloadable; v2 has its own files.
    assert.notEqual(v2.videoUrl, v1.videoUrl);
    assert.equal(checksum(fileOf(v1.videoUrl!)), v1Video);
    const download = await fetch(`${app.baseUrl}${v2.versions.find((v) => v.number === 1)!.downloadUrl}`, { headers: app.auth });
    assert.equal(download.status, 200);
    assert.equal(
      createHash("sha256")
        .update(Buffer.from(await download.arrayBuffer()))
        .digest("hex"),
      v1Video,
    );
    const [latest] = v2.versions;
    assert.equal(latest!.number, 2);
    assert.equal(latest!.summary, "Scene 2: caption, motion");
    assert.ok(latest!.current);
    const video = await probeVideo(fileOf(v2.videoUrl!));
    assert.ok(Math.abs(video.durationSec - v2.scenes.reduce((t, s) => t + s.durationSec, 0)) < 0.1);
    const vtt = await fetch(`${app.baseUrl}/api/jobs/${v1.id}/captions/vtt`, { headers: app.auth });
    assert.match(await vtt.text(), /The boat turns back/);
  });

  it("a caption-only change makes no clip: only the stitch runs", async () => {
    const job = await api.getJob(v1.id);
    const scene = job.scenes[2]!;
    await api.request("PATCH", `/api/jobs/${job.id}/scenes/${scene.id}`, { caption: "Dawn over the rocks" });
    const estimate = await api.request("GET", `/api/jobs/${job.id}/versions/estimate`);
    assert.deepEqual(estimate.json.clipsToRender, []);
    const v3 = await newVersion(job, 3);
    assert.deepEqual(
      callsFor(job.id, 3).map((c) => c.kind),
      ["stitch"],
    );
    assert.equal(v3.versions.length, 3);
    const vtt = await fetch(`${app.baseUrl}/api/jobs/${job.id}/captions/vtt`, { headers: app.auth });
    assert.match(await vtt.text(), /Dawn over the rocks/);
  });

  it("an older version made current again plays in the gallery and its scenes come back as the draft", async () => {
    const made = await api.request("POST", `/api/jobs/${v1.id}/versions/1/current`);
    assert.equal(made.status, 200, JSON.stringify(made.json));
    const job = made.json as JobView;
    assert.equal(job.currentVersion, 1);
    assert.equal(job.videoUrl, v1.videoUrl);
    assert.deepEqual(
      job.scenes.map((s) => [s.caption, s.motion, s.clipUrl]),
      v1.scenes.map((s) => [s.caption, s.motion, s.clipUrl]),
    );
    const gallery = await api.request("GET", "/api/jobs");
    assert.equal(gallery.json.jobs.find((j: JobView) => j.id === v1.id).videoUrl, v1.videoUrl);
    // Nothing differs from v1 now, so there is nothing to render.
    assert.equal((await api.request("POST", `/api/jobs/${v1.id}/versions`)).status, 409);
    const missing = await api.request("POST", `/api/jobs/${v1.id}/versions/9/current`);
    assert.equal(missing.status, 404);
    assert.match(missing.json.error.message, /Version 9 does not exist/);
    assert.equal((await api.request("POST", `/api/jobs/${v1.id}/versions/two/current`)).status, 404);
  });

  it("another person's job: its versions, estimate and scenes are 404 and nothing changes", async () => {
    const token = await invitePerson(app, {
      name: "Other",
      email: "other-versions@example.com",
      password: "correct horse battery",
    });
    const other = apiClient(app.baseUrl, token);
    for (const [method, url, body] of [
      ["POST", `/api/jobs/${v1.id}/versions`],
      ["GET", `/api/jobs/${v1.id}/versions`],
      ["GET", `/api/jobs/${v1.id}/versions/estimate`],
      ["POST", `/api/jobs/${v1.id}/versions/2/current`],
      ["POST", `/api/jobs/${v1.id}/scenes`, { caption: "x", imagePrompt: "y", motion: "pan-left", durationSec: 2 }],
      ["PUT", `/api/jobs/${v1.id}/music`, { uploadId: null }],
    ] as const) {
      const res = await other.request(method, url, body);
      assert.equal(res.status, 404, `${method} ${url}`);
    }
    assert.equal((await api.getJob(v1.id)).currentVersion, 1);
  });

  it("a scene added to a finished video is drawn, and the next version renders just its clip", async () => {
    const added = await api.request("POST", `/api/jobs/${v1.id}/scenes`, {
      caption: "Home again",
      imagePrompt: "a warm kitchen, a kettle, rain on the window",
      motion: "zoom-in",
      durationSec: 2,
    });
    assert.equal(added.status, 201, JSON.stringify(added.json));
    const bad = await api.request("POST", `/api/jobs/${v1.id}/scenes`, {
      caption: "",
      imagePrompt: "y",
      motion: "spin",
      durationSec: 2,
    });
    assert.equal(bad.status, 400);
    const job = await api.waitForStatus(v1.id, ["completed"]);
    assert.equal(job.scenes.length, 5);
    assert.equal(job.scenes[4]!.stillStatus, "ready");
    const estimate = await api.request("GET", `/api/jobs/${v1.id}/versions/estimate`);
    // The old last scene now carries the crossfade into the new one, so its clip is made again too.
    assert.deepEqual(estimate.json.clipsToRender, [4, 5]);
    assert.deepEqual(estimate.json.changedScenes.at(-1).changes, ["added"]);
    const v4 = await newVersion(job, 4);
    assert.equal(v4.versions[0]!.sceneCount, 5);
    assert.equal(callsFor(v1.id, 4).filter((c) => c.kind === "clip").length, 2);
  });
});
