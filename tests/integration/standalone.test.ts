import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import sharp from "sharp";
import { apiClient } from "../helpers/api-client";
import { freePort, signInOwner } from "../helpers/start-app";
import { waitFor } from "../helpers/wait-for";
import { SERVER_JS, SOURCE_DIRS, STANDALONE_DIR } from "@/lib/deploy/standalone-layout";
import { ffprobePath } from "@/lib/media/binaries";
import { probeVideo } from "@/lib/media/probe-video";

// The deployable artifact: `.next/standalone` copied where no node_modules can help it, started with
// `node server.js` as the image starts it, with the worker beside it as docker-compose.yml runs it.

let folder = "";
let dataDir = "";
let baseUrl = "";
let api: ReturnType<typeof apiClient>;
let auth: Record<string, string> = {};
const processes: { child: ChildProcess; logs: () => string }[] = [];
let serverLogs = () => "";

/** Only what a container would have: no NODE_OPTIONS (tsx), no node_modules/.bin on PATH, none of the tests' settings. */
function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const PATH = (process.env.PATH ?? "/usr/bin:/bin")
    .split(":")
    .filter((dir) => !dir.includes("node_modules"))
    .join(":");
  return {
    PATH,
    HOME: os.tmpdir(),
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    WORKER_POLL_MS: "200",
    ...extra,
  };
}

/**
 * As the image runs it: the folder owned by root and only read, DATA_DIR the one place written, the processes
 * another user's (nobody's, when the tests run as root; root would pass every permission check).
 */
const NOBODY = 65534;
const runAs = () => (process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {});

function start(args: string[], env: Record<string, string>) {
  let output = "";
  const child = spawn(process.execPath, args, {
    cwd: folder,
    env: bareEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
    ...runAs(),
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const started = { child, logs: () => output };
  processes.push(started);
  return started;
}

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, { cwd: folder, env: bareEnv(env), encoding: "utf8", timeout: 60_000, ...runAs() });

function ancestorsWithNodeModules(dir: string): string[] {
  const found: string[] = [];
  for (let at = path.dirname(dir); ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, "node_modules"))) found.push(at);
    if (at === path.dirname(at)) return found;
  }
}

before(async () => {
  const serverJs = path.join(STANDALONE_DIR, "server.js");
  if (!fs.existsSync(serverJs) || fs.readFileSync(serverJs, "utf8") !== SERVER_JS)
    throw new Error("Build the standalone folder first: npx tsx lib/cli/build-if-stale.ts (or npm run build).");
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-standalone-"));
  fs.cpSync(STANDALONE_DIR, folder, { recursive: true, verbatimSymlinks: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-standalone-data-"));
  if (process.getuid?.() === 0) {
    fs.chmodSync(folder, 0o755);
    fs.chownSync(dataDir, NOBODY, NOBODY);
  }
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const web = start(["server.js"], { HOST: "127.0.0.1", PORT: String(port), RUN_WORKER: "false" });
  serverLogs = web.logs;
  await waitFor(
    "the standalone server to answer",
    async () => {
      if (web.child.exitCode !== null) throw new Error(`server.js exited:\n${web.logs()}`);
      return fetch(`${baseUrl}/api/health`).then(
        (r) => r.ok || null,
        () => null,
      );
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  const worker = start(["storyreel/worker.js"], {});
  await waitFor("the standalone worker", async () => {
    if (worker.child.exitCode !== null) throw new Error(`worker.js exited:\n${worker.logs()}`);
    return worker.logs().includes("job runner started") || null;
  });
  const { token } = await signInOwner(baseUrl);
  api = apiClient(baseUrl, token);
  auth = { Authorization: `Bearer ${token}` };
});

after(async () => {
  for (const { child } of processes) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  // A few hundred megabytes (ffmpeg, ffprobe, libvips): not left behind in /tmp on every run.
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe("the standalone folder, copied to an empty directory", () => {
  it("has no node_modules to lean on, and carries the binaries, the font and the migrations", () => {
    assert.deepEqual(ancestorsWithNodeModules(folder), []);
    assert.deepEqual(
      SOURCE_DIRS.filter((dir) => fs.existsSync(path.join(folder, dir))),
      [],
      "no sources or tests shipped",
    );
    for (const file of [
      "node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
      "prisma/migrations/20261124000000_init/migration.sql",
      "storyreel/worker.js",
      ".next/BUILD_ID",
    ])
      assert.ok(fs.existsSync(path.join(folder, file)), file);
    for (const binary of [
      `@ffmpeg-installer/${os.platform()}-${os.arch()}/ffmpeg`,
      `@ffprobe-installer/${os.platform()}-${os.arch()}/ffprobe`,
    ])
      // Every x bit, not only the owner's: the image runs the folder as `node`, and root passes any access check.
      assert.equal(fs.statSync(path.join(folder, "node_modules", binary)).mode & 0o111, 0o111, binary);
    assert.ok(fs.readdirSync(path.join(folder, ".next", "static")).length > 0, "the browser's files are there");
  });

  it("its migrate command proves the migrations on a scratch database, as fly.toml's release command runs it", () => {
    const check = run(["storyreel/migrate.js", "--check"]);
    assert.equal(check.status, 0, check.stderr);
    const count = fs.readdirSync("prisma/migrations").filter((name) => fs.existsSync(`prisma/migrations/${name}/migration.sql`));
    assert.equal(check.stdout.trim(), `all ${count.length} migrations apply to an empty database`);
  });

  it("is alive and ready: database migrated at start, storage writable, its own ffmpeg runs", async () => {
    const live = await api.request("GET", "/api/health");
    assert.equal(live.status, 200);
    assert.equal(live.json.status, "ok");
    const ready = await api.request("GET", "/api/health?ready=1");
    assert.equal(ready.status, 200, JSON.stringify(ready.json));
    assert.deepEqual(ready.json, {
      ready: true,
      checks: { database: { ok: true }, storage: { ok: true }, ffmpeg: { ok: true } },
    });
    assert.equal(ready.headers.get("cache-control"), "no-store");
    // It runs the build's own configuration (no next.config.ts is there), so Next does not warn about standalone.
    assert.match(serverLogs(), /storyreel is listening/);
    assert.doesNotMatch(serverLogs(), /does not work with "output: standalone"|⚠|"level":"(warn|error)"/);
  });

  it("serves its pages with the browser's scripts and the public files", async () => {
    const page = await fetch(`${baseUrl}/sign-in`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, "the page names its scripts");
    const [js, icon] = await Promise.all([fetch(`${baseUrl}${script}`), fetch(`${baseUrl}/favicon.ico`)]);
    assert.equal(js.status, 200);
    assert.match(js.headers.get("content-type") ?? "", /javascript/);
    assert.equal(icon.status, 200);
  });

  it("refuses a readiness question it does not know with a sentence", async () => {
    const res = await api.request("GET", "/api/health?ready=yes");
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, "invalid_input");
    assert.match(res.json.error.message, /"ready" takes 1/);
  });

  it(
    "makes a narrated, captioned video from an uploaded image, the worker rendering it, and it plays",
    { timeout: 180_000 },
    async () => {
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3366aa" } })
        .png()
        .toBuffer();
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "reference.png");
      const uploaded = await fetch(`${baseUrl}/api/uploads`, { method: "POST", headers: auth, body: form });
      assert.equal(uploaded.status, 201, await uploaded.clone().text());
      const { id: referenceUploadId } = (await uploaded.json()) as { id: string };

      const created = await api.createJob({
        prompt: "A lighthouse at dusk. Waves roll in.",
        sceneCount: 2,
        aspectRatio: "16:9",
        autoApprove: true,
        narration: true,
        referenceUploadId,
      });
      const job = await api.waitForStatus(created.id, ["completed"], 150_000);
      const video = await fetch(`${baseUrl}${job.videoUrl}`, { headers: auth });
      assert.equal(video.status, 200);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-standalone-video-")), "final.mp4");
      fs.writeFileSync(file, Buffer.from(await video.arrayBuffer()));
      const probe = await probeVideo(file);
      assert.equal(probe.codec, "h264");
      assert.deepEqual([probe.width, probe.height], [1280, 720]);
      const expected = job.scenes.reduce((sum, s) => sum + s.durationSec, 0);
      assert.ok(Math.abs(probe.durationSec - expected) <= expected * 0.1, `duration ${probe.durationSec} vs ${expected}`);
      const streams = spawnSync(ffprobePath(), ["-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0", file], {
        encoding: "utf8",
      });
      assert.deepEqual(streams.stdout.trim().split("\n").sort(), ["audio", "video"], "the narration is in it");
    },
  );

  it("stops being ready when the database lacks a migration, and says which", async () => {
    const db = new Database(path.join(dataDir, "storyreel.db"));
    try {
      const last = db.prepare("SELECT * FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1").get() as Record<
        string,
        unknown
      >;
      db.prepare("UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE id = ?").run(last.id);
      const res = await api.request("GET", "/api/health?ready=1");
      assert.equal(res.status, 503);
      assert.equal(res.json.ready, false);
      assert.match(res.json.checks.database.problem, new RegExp(`missing 1 migrations \\(${String(last.migration_name)}\\)`));
      db.prepare("UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = ?").run(last.id);
      assert.equal((await api.request("GET", "/api/health?ready=1")).status, 200);
    } finally {
      db.close();
    }
  });
});
