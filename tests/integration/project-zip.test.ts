import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { apiClient } from "../helpers/api-client";
import { listFiles, startApp, type RunningApp } from "../helpers/start-app";
import { rawZip } from "../helpers/zip-bytes";
import { ffmpegPath } from "@/lib/media/binaries";
import { probeVideo } from "@/lib/media/probe-video";
import { runProcess } from "@/lib/media/run-process";

let source: RunningApp;
let target: RunningApp;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-project-"));

before(async () => {
  [source, target] = await Promise.all([startApp(), startApp()]);
});
after(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
});

/** Each decoded frame's hash, without the header (which names the file). */
async function frameHashes(file: string): Promise<string[]> {
  const out = await runProcess(ffmpegPath(), ["-v", "error", "-i", file, "-map", "0:v", "-f", "framemd5", "-"]);
  return out.split("\n").filter((line) => line && !line.startsWith("#"));
}

const videoFile = (app: RunningApp, jobId: string) => path.join(app.dataDir, "videos", jobId, "final.mp4");

describe("project ZIP, exported on one studio and imported on another", () => {
  it("renders the same video from the imported project", async () => {
    const made = await apiClient(source.baseUrl, source.token).createJob({
      prompt: "A paper boat drifts down a gutter. It reaches the sea.",
      sceneCount: 2,
      targetSeconds: 4,
      aspectRatio: "1:1",
      autoApprove: true,
    });
    const finished = await apiClient(source.baseUrl, source.token).waitForStatus(made.id, ["completed"]);

    // The writer runs in this process against the source studio's data directory and database.
    process.env.DATA_DIR = source.dataDir;
    delete process.env.DATABASE_URL;
    const { writeProjectZip } = await import("@/lib/projects/write-project-zip");
    const zipPath = path.join(scratch, "project.zip");
    const manifest = await writeProjectZip({ jobId: made.id, version: 1, outPath: zipPath });
    assert.equal(manifest.scenes.length, 2);

    const answer = await fetch(`${target.baseUrl}/api/jobs/import`, {
      method: "POST",
      headers: { ...target.auth, "Content-Type": "application/zip" },
      body: new Uint8Array(fs.readFileSync(zipPath)),
    });
    const body = (await answer.json()) as { id: string; links: { self: string } };
    assert.equal(answer.status, 201, JSON.stringify(body));
    assert.equal(answer.headers.get("location"), `/api/jobs/${body.id}`);
    const imported = await apiClient(target.baseUrl, target.token).waitForStatus(body.id, ["completed"]);
    assert.deepEqual(
      imported.scenes.map((s) => [s.caption, s.durationSec]),
      finished.scenes.map((s) => [s.caption, s.durationSec]),
    );

    const [original, copy] = await Promise.all([probeVideo(videoFile(source, made.id)), probeVideo(videoFile(target, body.id))]);
    assert.deepEqual([copy.width, copy.height], [original.width, original.height]);
    assert.ok(Math.abs(copy.durationSec - original.durationSec) < 0.05, `${copy.durationSec} s vs ${original.durationSec} s`);
    const [a, b] = await Promise.all([frameHashes(videoFile(source, made.id)), frameHashes(videoFile(target, body.id))]);
    assert.ok(a.length > 24);
    assert.deepEqual(b, a, "every decoded frame is the same");

    // Refining the imported video: its clips (named as imported) are reused, a caption change makes no clip.
    const targetApi = apiClient(target.baseUrl, target.token);
    const scene = imported.scenes[0]!;
    await targetApi.request("PATCH", `/api/jobs/${body.id}/scenes/${scene.id}`, { caption: "Retold" });
    const estimate = await targetApi.request("GET", `/api/jobs/${body.id}/versions/estimate`);
    assert.deepEqual([estimate.json.clipsToRender, estimate.json.clipsReused], [[], [1, 2]]);
  });

  it("refuses a hostile ZIP with its sentence and keeps nothing", async () => {
    const before = listFiles(target.dataDir);
    const jobs = (await apiClient(target.baseUrl, target.token).request("GET", "/api/jobs?limit=50")).json.jobs.length;
    const hostile = await fetch(`${target.baseUrl}/api/jobs/import`, {
      method: "POST",
      headers: { ...target.auth, "Content-Type": "application/zip" },
      body: new Uint8Array(rawZip([{ name: "../../escape.txt", data: Buffer.from("out") }])),
    });
    assert.equal(hostile.status, 400);
    const refusal = (await hostile.json()) as { error: { code: string; message: string } };
    assert.equal(refusal.error.code, "invalid_input");
    assert.match(refusal.error.message, /has "\.\." in its path, which would leave the project\. Nothing was imported\./);

    const notZip = await fetch(`${target.baseUrl}/api/jobs/import`, {
      method: "POST",
      headers: { ...target.auth, "Content-Type": "application/json" },
      body: "{}",
    });
    assert.equal(notZip.status, 415);
    assert.match(((await notZip.json()) as { error: { message: string } }).error.message, /Content-Type: application\/zip/);

    const empty = await fetch(`${target.baseUrl}/api/jobs/import`, {
      method: "POST",
      headers: { ...target.auth, "Content-Type": "application/zip" },
      body: new Uint8Array(0),
    });
    assert.equal(empty.status, 400);
    assert.match(((await empty.json()) as { error: { message: string } }).error.message, /The body is empty/);

    const stranger = await fetch(`${target.baseUrl}/api/jobs/import`, {
      method: "POST",
      headers: { Origin: target.baseUrl, "Content-Type": "application/zip" },
      body: new Uint8Array(rawZip([])),
    });
    assert.equal(stranger.status, 401);

    assert.deepEqual(listFiles(target.dataDir), before);
    assert.equal((await apiClient(target.baseUrl, target.token).request("GET", "/api/jobs?limit=50")).json.jobs.length, jobs);
  });
});
