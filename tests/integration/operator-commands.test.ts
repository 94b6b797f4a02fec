import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { apiClient } from "../helpers/api-client";
import { freePort, OWNER, runScript, startApp, startWorker, type RunningApp, type RunningWorker } from "../helpers/start-app";

// The README's operator commands, run through npm as a person runs them in a second terminal beside the server.

const running: Array<RunningApp | RunningWorker> = [];
after(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

const MIGRATIONS = fs.readdirSync("prisma/migrations").filter((name) => fs.existsSync(`prisma/migrations/${name}/migration.sql`));

const signIn = (baseUrl: string, email: string, password: string) =>
  fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });

const noStackTrace = (output: string) => assert.doesNotMatch(output, /^\s+at .+:\d+:\d+\)?$/m, output);

describe("operator commands beside a running server", () => {
  it(
    "npm run token, npm run user and npm run db:migrate work while the server has the database open",
    { timeout: 180_000 },
    async () => {
      const app = await startApp();
      running.push(app);

      const token = await runScript(app.dataDir, "token", ["create", "--email", OWNER.email, "--name", "laptop"]);
      assert.equal(token.status, 0, token.stderr);
      const secret = token.stdout.trim().split("\n").at(-1)!;
      const list = await fetch(`${app.baseUrl}/api/jobs`, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(list.status, 200, "the running server accepts the token the command made");

      const email = "second@storyreel.test";
      const made = await runScript(app.dataDir, "user", ["create", "--email", email, "--password", "a long enough password"]);
      assert.equal(made.status, 0, made.stderr);
      assert.equal((await signIn(app.baseUrl, email, "a long enough password")).status, 200, "the new account signs in");

      const reset = await runScript(app.dataDir, "user", ["reset-password", "--email", email]);
      assert.equal(reset.status, 0, reset.stderr);
      const newPassword = reset.stdout.trim().split("\n").at(-1)!;
      assert.equal((await signIn(app.baseUrl, email, newPassword)).status, 200, "the reset password signs in");

      const disabled = await runScript(app.dataDir, "user", ["disable", "--email", email]);
      assert.equal(disabled.status, 0, disabled.stderr);
      assert.notEqual((await signIn(app.baseUrl, email, newPassword)).status, 200, "a disabled account cannot sign in");

      const migrate = await runScript(app.dataDir, "db:migrate", []);
      assert.equal(migrate.status, 0, migrate.stderr);
      assert.match(migrate.stdout, /up to date/);
      const everything = `${token.stderr}${made.stderr}${reset.stderr}${disabled.stderr}${migrate.stderr}`;
      assert.doesNotMatch(everything, /datasource properties|prisma:warn/i, "no Prisma warnings for the operator");
      assert.doesNotMatch(app.logs(), /datasource properties|prisma:warn/i);
    },
  );

  it("npm run worker makes a video while the web server runs with RUN_WORKER=false", { timeout: 180_000 }, async () => {
    const app = await startApp({ RUN_WORKER: "false" });
    running.push(app);
    const worker = await startWorker(app.dataDir, {}, { npm: true });
    running.push(worker);
    const api = apiClient(app.baseUrl, app.token);
    const job = await api.createJob({ prompt: "A heron waits in the reeds. It takes flight.", sceneCount: 2, autoApprove: true });
    const done = await api.waitForStatus(job.id, ["completed"], 150_000);
    assert.ok(done.videoUrl, "the finished job has a video");
    assert.match(worker.logs(), /"stage started"/, "the worker, not the web server, did the work");
    assert.doesNotMatch(app.logs(), /"stage started"/);
  });

  it(
    "a database locked by another process is a sentence that says what to do, not a stack trace",
    { timeout: 60_000 },
    async () => {
      const app = await startApp();
      running.push(app);
      const holder = new Database(path.join(app.dataDir, "storyreel.db"));
      holder.exec("BEGIN IMMEDIATE");
      holder.exec("UPDATE Setting SET key = key");
      try {
        const token = await runScript(app.dataDir, "token", ["create", "--email", OWNER.email, "--name", "blocked"], {
          SQLITE_BUSY_TIMEOUT_MS: "300",
        });
        assert.equal(token.status, 1);
        assert.match(token.stderr, /^storyreel: The database .+storyreel\.db is busy: .+Try again in a moment/m);
        noStackTrace(token.stderr);
      } finally {
        holder.exec("ROLLBACK");
        holder.close();
      }
      const again = await runScript(app.dataDir, "token", ["create", "--email", OWNER.email, "--name", "unblocked"]);
      assert.equal(again.status, 0, again.stderr);
    },
  );
});

describe("a bad setting", () => {
  it("stops every command with a sentence that names it, not a stack trace", { timeout: 60_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-bad-env-"));
    for (const script of ["token", "user", "db:migrate", "worker"]) {
      const run = await runScript(dataDir, script, ["create", "--email", OWNER.email, "--name", "x"], { PORT: "abc" });
      assert.equal(run.status, 1, `${script}: ${run.stderr}`);
      assert.match(run.stderr, /^storyreel: Invalid environment configuration: PORT/m, script);
      noStackTrace(run.stderr);
    }
  });
});

describe("two processes starting together on a fresh data directory", () => {
  it("npm start and npm run worker both come up, with every migration applied exactly once", { timeout: 180_000 }, async () => {
    for (let round = 0; round < 2; round++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-together-"));
      const [app, worker] = await Promise.all([
        startApp({ RUN_WORKER: "false" }, { dataDir, npmStart: true, port: await freePort() }),
        startWorker(dataDir, {}, { npm: true }),
      ]);
      running.push(app, worker);
      const db = new Database(path.join(dataDir, "storyreel.db"), { readonly: true });
      const rows = db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL").all() as {
        migration_name: string;
      }[];
      db.close();
      assert.deepEqual(rows.map((r) => r.migration_name).sort(), MIGRATIONS.sort(), "each migration recorded once");
      const appliedBy = [app.logs(), worker.logs()].filter((logs) => logs.includes('"database migrated"'));
      assert.equal(appliedBy.length, 1, "one process applied the migrations, the other found them current");
      noStackTrace(app.logs() + worker.logs());
      // The pair works together: the worker makes the web server's video.
      const api = apiClient(app.baseUrl, app.token);
      const job = await api.createJob({
        prompt: `Round ${round}. A lantern glows on the pier. A boat drifts in.`,
        sceneCount: 2,
        autoApprove: true,
      });
      await api.waitForStatus(job.id, ["completed"], 120_000);
      await Promise.all([app.stop(), worker.stop()]);
    }
  });
});
