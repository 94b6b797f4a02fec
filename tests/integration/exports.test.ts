import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { apiClient } from "../helpers/api-client";
import { invitePerson } from "../helpers/invite-person";
import { startApp, type RunningApp } from "../helpers/start-app";
import { waitFor } from "../helpers/wait-for";
import { probeAudio, probeVideo } from "@/lib/media/probe-video";

let app: RunningApp;
let api: ReturnType<typeof apiClient>;
let jobId: string;
let durationSec: number;

// 4 MB: one 1080p export of this 4 s video fits (about 2.6 MB expected), a second one queued beside it does not.
before(async () => {
  app = await startApp({ UPLOAD_QUOTA_MB: "4" });
  api = apiClient(app.baseUrl, app.token);
  const created = await api.createJob({
    prompt: "A lantern floats over the harbour. It fades into the stars.",
    sceneCount: 2,
    targetSeconds: 4,
    aspectRatio: "16:9",
    autoApprove: true,
  });
  const job = await api.waitForStatus(created.id, ["completed"]);
  jobId = job.id;
  durationSec = job.durationSec!;
});
after(async () => {
  await app?.stop();
});

const exportsUrl = () => `/api/jobs/${jobId}/exports`;

describe("exports over HTTP", () => {
  let exportId: string;

  it("queues a TikTok export (202), refuses a second that would pass the quota (413), and finishes the first", async () => {
    assert.ok(Math.abs(durationSec - 4) < 0.01, `a 4 s video (${durationSec})`);
    const queued = await api.request("POST", exportsUrl(), { version: 1, preset: "tiktok" });
    assert.equal(queued.status, 202, JSON.stringify(queued.json));
    assert.equal(queued.json.label, "TikTok / Reels / Shorts · MP4 1080x1920");
    assert.equal(queued.json.existing, false);
    assert.ok(["queued", "running"].includes(queued.json.status));
    exportId = queued.json.id;

    const refused = await api.request("POST", exportsUrl(), { version: 1, preset: "youtube" });
    assert.equal(refused.status, 413);
    assert.match(
      refused.json.error.message,
      /^This export needs about 2\.\d MB and your uploads and exports have 1\.\d MB left of 4 MB/,
    );

    const done = await waitFor(
      "the export to finish",
      async () => {
        const { json } = await api.request("GET", exportsUrl());
        const item = json.exports.find((e: { id: string }) => e.id === exportId);
        if (item.status === "failed") throw new Error(item.error);
        return item.status === "completed" ? item : null;
      },
      { timeoutMs: 120_000, intervalMs: 300 },
    );
    assert.equal(done.progress, 1);
    assert.ok(done.bytes > 10_000);
    assert.equal(done.downloadUrl, `/api/jobs/${jobId}/exports/${exportId}/file`);
    const uploads = await api.request("GET", "/api/uploads");
    assert.equal(uploads.json.usage.exportBytes, done.bytes, "the uploads page counts the export");
  });

  it("downloads it: H.264 + AAC, 1080x1920, the video's length, named for what it is, with byte ranges", async () => {
    const response = await fetch(`${app.baseUrl}/api/jobs/${jobId}/exports/${exportId}/file`, { headers: app.auth });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "video/mp4");
    assert.equal(
      response.headers.get("content-disposition"),
      `attachment; filename="storyreel-${jobId}-v1-tiktok-1080x1920.mp4"`,
    );
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-export-")), "tiktok.mp4");
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const video = await probeVideo(file);
    assert.deepEqual([video.codec, video.width, video.height], ["h264", 1080, 1920]);
    assert.ok(Math.abs(video.durationSec - durationSec) <= 0.1, `${video.durationSec} s, expected ${durationSec} s`);
    assert.equal((await probeAudio(file))?.codec, "aac");

    const part = await fetch(`${app.baseUrl}/api/jobs/${jobId}/exports/${exportId}/file`, {
      headers: { ...app.auth, Range: "bytes=0-99" },
    });
    assert.equal(part.status, 206);
    assert.equal((await part.arrayBuffer()).byteLength, 100);
  });

  it("serves the same export asked again from the first (200, same id), making nothing new", async () => {
    const again = await api.request("POST", exportsUrl(), {
      version: 1,
      resolution: "1080p",
      aspect: "9:16",
      fit: "cover",
      format: "mp4",
    });
    assert.equal(again.status, 200);
    assert.deepEqual([again.json.id, again.json.existing, again.json.status], [exportId, true, "completed"]);
    const { json } = await api.request("GET", exportsUrl());
    assert.equal(json.exports.length, 1);
  });

  it("refuses bad specs with a sentence, and unknown versions and jobs with 404", async () => {
    const cases: [unknown, RegExp][] = [
      [{ version: 1 }, /^Say what to export: a preset/],
      [{ version: 1, preset: "vine" }, /^The preset must be tiktok, youtube or square\.$/],
      [{ version: 1, format: "mp4", resolution: "4k" }, /^The resolution must be 1080p, 720p or 480p\.$/],
      [{ version: 1, preset: "tiktok", format: "gif" }, /not both\.$/],
      [{ version: "one", preset: "tiktok" }, /^The version must be a whole number/],
      ["not json", /JSON/],
    ];
    for (const [body, message] of cases) {
      const res = await api.request("POST", exportsUrl(), body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.json.error.message, message);
    }
    const missing = await api.request("POST", exportsUrl(), { version: 7, preset: "tiktok" });
    assert.deepEqual([missing.status, missing.json.error.message], [404, "Version 7 of this video does not exist."]);
    const noJob = await api.request("GET", "/api/jobs/zzzzzzzzzzzzzzzzzzzzzzzzz/exports");
    assert.equal(noJob.status, 404);
  });

  it("is 404 for another person: their POST, list, download and delete", async () => {
    const token = await invitePerson(app, { name: "Other", email: "other@storyreel.test", password: "other person password" });
    const other = apiClient(app.baseUrl, token);
    const post = await other.request("POST", exportsUrl(), { version: 1, preset: "tiktok" });
    assert.deepEqual([post.status, post.json.error.message], [404, "That job does not exist."]);
    assert.equal((await other.request("GET", exportsUrl())).status, 404);
    assert.equal((await other.request("GET", `${exportsUrl()}/${exportId}/file`)).status, 404);
    assert.equal((await other.request("DELETE", `${exportsUrl()}/${exportId}`)).status, 404);
  });

  it("deletes the export: its file and its row", async () => {
    const files = () => fs.readdirSync(path.join(app.dataDir, "exports", jobId));
    assert.equal(files().length, 1);
    const removed = await api.request("DELETE", `${exportsUrl()}/${exportId}`);
    assert.equal(removed.status, 204);
    assert.deepEqual(files(), []);
    assert.equal((await api.request("GET", `${exportsUrl()}/${exportId}/file`)).status, 404);
    assert.deepEqual((await api.request("GET", exportsUrl())).json.exports, []);
    assert.equal((await api.request("GET", "/api/uploads")).json.usage.exportBytes, 0);
  });

  it("exports the project as a ZIP that imports back into a studio as a job that renders", async () => {
    const queued = await api.request("POST", exportsUrl(), { version: 1, format: "project" });
    assert.equal(queued.status, 202, JSON.stringify(queued.json));
    assert.equal(queued.json.label, "Project ZIP");
    const done = await waitFor("the project ZIP", async () => {
      const { json } = await api.request("GET", `${exportsUrl()}/${queued.json.id}`);
      if (json.status === "failed") throw new Error(json.error);
      return json.status === "completed" ? json : null;
    });
    const zip = await fetch(`${app.baseUrl}${done.downloadUrl}`, { headers: app.auth });
    assert.equal(zip.headers.get("content-type"), "application/zip");
    const bytes = Buffer.from(await zip.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), "PK");
    await api.request("DELETE", `${exportsUrl()}/${queued.json.id}`);
    const imported = await fetch(`${app.baseUrl}/api/jobs/import`, {
      method: "POST",
      headers: { ...app.auth, "content-type": "application/zip" },
      body: bytes,
    });
    assert.equal(imported.status, 201, await imported.clone().text());
    const { id } = (await imported.json()) as { id: string };
    const job = await api.waitForStatus(id, ["completed"]);
    assert.equal(job.currentVersion, 1);
    assert.ok(Math.abs(job.durationSec! - durationSec) < 0.05);
  });
});
