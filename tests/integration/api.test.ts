import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { apiClient } from "../helpers/api-client";
import { listFiles, startApp, type RunningApp } from "../helpers/start-app";
import { probeVideo } from "@/lib/media/probe-video";

let app: RunningApp;
let api: ReturnType<typeof apiClient>;

before(async () => {
  app = await startApp();
  api = apiClient(app.baseUrl, app.token);
});
after(async () => {
  await app?.stop();
});

async function downloadAndProbe(url: string) {
  const response = await fetch(`${app.baseUrl}${url}`, { headers: app.auth });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "video/mp4");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-dl-")), "final.mp4");
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return probeVideo(file);
}

describe("HTTP API, create to completed", () => {
  it("reports health", async () => {
    const res = await api.request("GET", "/api/health");
    assert.equal(res.status, 200);
    assert.equal(res.json.status, "ok");
    assert.equal(res.json.backend, "local");
  });

  it("drafts a storyboard, takes edits, approves once, and renders a verified MP4", async () => {
    const created = await api.createJob({
      prompt:
        "A fox wanders through a misty forest at dawn. It finds a frozen lake. Snow begins to fall. The fox sleeps under a pine.",
      sceneCount: 4,
      aspectRatio: "16:9",
      style: "storybook",
    });
    assert.equal(created.status, "queued");
    assert.equal(created.links.self, `/api/jobs/${created.id}`);

    let job = await api.waitForStatus(created.id, ["awaiting_approval"]);
    assert.equal(job.scenes.length, 4);
    assert.ok(job.scenes.every((s) => s.stillStatus === "ready" && s.stillUrl));

    // The polling hot path: same version -> 304 with no body.
    const first = await api.request("GET", `/api/jobs/${job.id}`);
    const etag = first.headers.get("etag")!;
    assert.match(etag, /^W\/".+"$/);
    const unchanged = await fetch(`${app.baseUrl}/api/jobs/${job.id}`, { headers: { ...app.auth, "If-None-Match": etag } });
    assert.equal(unchanged.status, 304);
    assert.equal(await unchanged.text(), "");

    const [s1, s2, s3] = job.scenes;
    const edited = await api.request("PATCH", `/api/jobs/${job.id}/scenes/${s1!.id}`, {
      caption: "The fox sets out at first light.",
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.json.scenes[0].caption, "The fox sets out at first light.");
    const changed = await fetch(`${app.baseUrl}/api/jobs/${job.id}`, { headers: { ...app.auth, "If-None-Match": etag } });
    assert.equal(changed.status, 200, "an edit changes the ETag");

    const regenerated = await api.request("POST", `/api/jobs/${job.id}/scenes/${s2!.id}/regenerate`);
    assert.equal(regenerated.status, 202);
    job = await api.waitForStatus(job.id, ["awaiting_approval"]);
    assert.notEqual(job.scenes[1]!.stillUrl, s2!.stillUrl, "a regenerated still gets a new URL");

    const reordered = await api.request("PUT", `/api/jobs/${job.id}/scenes/order`, {
      sceneIds: [s1!.id, s3!.id, s2!.id, job.scenes[3]!.id],
    });
    assert.equal(reordered.status, 200);
    assert.deepEqual(reordered.json.scenes.map((s: { id: string }) => s.id).slice(0, 3), [s1!.id, s3!.id, s2!.id]);

    const approved = await api.request("POST", `/api/jobs/${job.id}/approve`);
    assert.equal(approved.status, 200);
    const again = await api.request("POST", `/api/jobs/${job.id}/approve`);
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, "conflict");
    const lateEdit = await api.request("PATCH", `/api/jobs/${job.id}/scenes/${s1!.id}`, { caption: "too late" });
    assert.equal(lateEdit.status, 409);

    job = await api.waitForStatus(job.id, ["completed"]);
    const expected = job.scenes.reduce((sum, s) => sum + s.durationSec, 0);
    assert.equal(job.percent, 100);
    const probe = await downloadAndProbe(job.videoUrl!);
    assert.equal(probe.codec, "h264");
    assert.deepEqual([probe.width, probe.height], [1280, 720]);
    assert.ok(Math.abs(probe.durationSec - expected) <= expected * 0.1, `duration ${probe.durationSec} vs ${expected}`);

    const range = await fetch(`${app.baseUrl}${job.videoUrl}`, { headers: { ...app.auth, Range: "bytes=0-1023" } });
    assert.equal(range.status, 206);
    assert.match(range.headers.get("content-range") ?? "", /^bytes 0-1023\/\d+$/);
    assert.equal((await range.arrayBuffer()).byteLength, 1024);
    const outside = await fetch(`${app.baseUrl}${job.videoUrl}`, { headers: { ...app.auth, Range: "bytes=999999999-" } });
    assert.equal(outside.status, 416);
    const download = await fetch(`${app.baseUrl}${job.downloadUrl}`, { method: "HEAD", headers: app.auth });
    assert.match(download.headers.get("content-disposition") ?? "", /attachment/);
    const poster = await fetch(`${app.baseUrl}${job.posterUrl}`, { headers: app.auth });
    assert.equal(poster.headers.get("content-type"), "image/jpeg");

    const list = await api.request("GET", "/api/jobs?limit=10");
    assert.equal(list.json.jobs[0].id, job.id);
    assert.equal(list.json.jobs[0].thumbnailUrl, job.posterUrl);
  });

  it("renders vertical and square videos at their own sizes", async () => {
    const vertical = await api.createJob({
      prompt: "A rocket climbs into the night sky. Stars wheel past.",
      sceneCount: 2,
      aspectRatio: "9:16",
      autoApprove: true,
    });
    const square = await api.createJob({
      prompt: "A cactus in the desert. The sun sets.",
      sceneCount: 2,
      aspectRatio: "1:1",
      autoApprove: true,
    });
    for (const [created, size] of [
      [vertical, [720, 1280]],
      [square, [720, 720]],
    ] as const) {
      const job = await api.waitForStatus(created.id, ["completed"]);
      const probe = await downloadAndProbe(job.videoUrl!);
      assert.deepEqual([probe.width, probe.height], size);
      assert.equal(probe.pixFmt, "yuv420p");
    }
  });
});

describe("HTTP API, refusals", () => {
  it("rejects bad input with a clear 4xx and creates no rows and no files", async () => {
    const before = (await api.request("GET", "/api/jobs?limit=100")).json.jobs.length;
    const filesBefore = listFiles(app.dataDir);
    const cases: [unknown, number, RegExp, Record<string, string>?][] = [
      [{ prompt: "" }, 400, /Write a prompt/],
      [{ prompt: "x".repeat(2001) }, 400, /too long/],
      [{ prompt: "ok", sceneCount: 12 }, 400, /from 2 to 8/],
      [{ prompt: "ok", aspectRatio: "4:3" }, 400, /Aspect ratio/],
      [{ prompt: "ok", surprise: true }, 400, /Unknown field: surprise/],
      [
        { prompt: "ok", clipModel: "minimax/hailuo-02" },
        400,
        /local back end, which has no clip models to choose: leave out clipModel/,
      ],
      [{ prompt: "ok", continuity: "chained" }, 400, /leave out continuity/],
      [{ prompt: "ok", continuity: "sideways" }, 400, /Continuity must be one of none, continuous, chained/],
      ["{not json", 400, /not valid JSON/],
      ["[]", 400, /must be a JSON object/],
      ["prompt=hello", 415, /Content-Type: application\/json/, { "content-type": "application/x-www-form-urlencoded" }],
      [JSON.stringify({ prompt: "x".repeat(70_000) }), 413, /larger than/],
    ];
    for (const [body, status, message, headers] of cases) {
      const res = await api.request("POST", "/api/jobs", body, headers);
      assert.equal(res.status, status, `${JSON.stringify(body).slice(0, 40)} -> ${JSON.stringify(res.json)}`);
      assert.match(res.json.error.message, message);
    }
    assert.equal((await api.request("GET", "/api/jobs?limit=100")).json.jobs.length, before);
    assert.deepEqual(listFiles(app.dataDir), filesBefore);
  });

  it("estimates cost for valid settings only, and says what is wrong otherwise", async () => {
    const ok = await api.request("GET", "/api/estimate?sceneCount=3&targetSeconds=12");
    assert.equal(ok.status, 200);
    assert.deepEqual([ok.json.backend, ok.json.totalUsd], ["local", 0]);
    for (const [query, message] of [
      ["sceneCount=30", /Scene count must be a whole number from 2 to 8/],
      ["sceneCount=two", /Scene count must be a whole number/],
      ["sceneCount=3&targetSeconds=2", /Target length must be a whole number of seconds from 4 to 120/],
      ["sceneCount=3&clipResolution=720p", /local back end, which has no clip models to choose/],
    ] as const) {
      const bad = await api.request("GET", `/api/estimate?${query}`);
      assert.equal(bad.status, 400, query);
      assert.match(bad.json.error.message, message);
    }
  });

  it("answers 404 for unknown jobs and media, including path tricks", async () => {
    for (const url of [
      "/api/jobs/cmdoesnotexist000000",
      "/api/jobs/..%2F..%2Fetc",
      "/api/media/videos/cmdoesnotexist000000/final.mp4",
      "/api/media/storyreel.db",
      "/api/media/videos/..%2F..%2Fstoryreel.db",
    ]) {
      const res = await fetch(`${app.baseUrl}${url}`, { headers: app.auth });
      assert.equal(res.status, 404, url);
    }
    const approve = await api.request("POST", "/api/jobs/cmdoesnotexist000000/approve");
    assert.equal(approve.status, 404);
    assert.equal(approve.json.error.code, "not_found");
  });

  it("cancels a job once; the second cancel is a conflict", async () => {
    const job = await api.createJob({ prompt: "To be canceled. Right away.", sceneCount: 2 });
    const first = await api.request("POST", `/api/jobs/${job.id}/cancel`);
    assert.equal(first.status, 200);
    assert.equal(first.json.status, "canceled");
    const second = await api.request("POST", `/api/jobs/${job.id}/cancel`);
    assert.equal(second.status, 409);
    assert.match(second.json.error.message, /cannot be canceled/);
  });
});
