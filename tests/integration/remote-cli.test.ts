import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createStudioClient, StudioError, type StudioClient } from "@/lib/api-client/studio-client";
import { probeVideo } from "@/lib/media/probe-video";
import { invitePerson } from "../helpers/invite-person";
import { replicateEnv } from "../helpers/replicate-env";
import { freePort, startApp, type RunningApp } from "../helpers/start-app";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";

// `npm run generate -- ... --server --token` against a running studio, and the typed client it is built on.

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a person runs it, in a directory of its own with a data dir that must stay empty (nothing local). */
function generate(args: string[], stdin = "", env: Record<string, string> = {}): Promise<Run> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-remote-cli-"));
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "generate", "--", ...args], {
      env: { ...process.env, DATA_DIR: dataDir, STORYREEL_TOKEN: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(stdin);
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.on("error", reject);
    child.on("exit", (status) => {
      clearTimeout(timer);
      assert.deepEqual(fs.readdirSync(dataDir), [], "the remote CLI wrote nothing locally");
      resolve({ status, stdout, stderr });
    });
  });
}

const jobIdIn = (stdout: string) => /^job (\S+):/m.exec(stdout)?.[1] ?? assert.fail(`no job id in:\n${stdout}`);

describe("the CLI against a running studio", () => {
  let app: RunningApp;
  let studio: StudioClient;
  before(async () => {
    app = await startApp();
    studio = createStudioClient({ server: app.baseUrl, token: app.token });
  });
  after(async () => {
    await app?.stop();
  });

  it("shows the estimate and the storyboard, renders on a yes at the prompt and writes the MP4", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-out-")), "final.mp4");
    const server = ["--server", app.baseUrl, "--token", app.token];
    const run = await generate(
      ["A lighthouse in a storm. Dawn breaks.", "--scenes", "2", ...server, "--wait", "--out", out],
      "y\n",
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Estimate: \$0\.00 on the local back end$/m);
    assert.match(run.stdout, /^Storyboard, 2 scenes:\n {2}1\. .+\(\d+\.\d s\)\n {2}2\. /m);
    assert.match(run.stdout, /Approve and render the clips for \$0\.00\? \[y\/N\]/);
    assert.match(run.stdout, /^Rendering[^\n]* \d+%$/m, "progress lines while it renders");
    const job = await studio.getJob(jobIdIn(run.stdout));
    assert.equal(job.status, "completed");
    assert.equal(job.autoApprove, false, "approved by the answer, not by the studio");
    const probe = await probeVideo(out);
    assert.equal(probe.codec, "h264");
    assert.ok(Math.abs(probe.durationSec - job.durationSec!) < 0.2, `${probe.durationSec} vs ${job.durationSec}`);
    assert.match(run.stdout, new RegExp(`^wrote ${out} \\(\\d+\\.\\d s, \\d+\\.\\d MB, cost \\$0\\.00\\)$`, "m"));
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ["final.mp4"], "no partial file left beside it");
  });

  it("leaves the storyboard waiting when the answer is no, or there is none", async () => {
    for (const answer of ["n\n", ""]) {
      const run = await generate(["A quiet harbour.", "--scenes", "2", "--server", app.baseUrl, "--wait"], answer, {
        STORYREEL_TOKEN: app.token,
      });
      assert.equal(run.status, 1, run.stdout + run.stderr);
      const id = jobIdIn(run.stdout);
      assert.match(run.stdout, new RegExp(`Not approved: the storyboard waits at ${app.baseUrl}/jobs/${id}`));
      assert.equal((await studio.getJob(id)).status, "awaiting_approval");
      await studio.cancel(id);
    }
  });

  it("with --yes and no --wait, leaves the approving to the studio and ends at once", async () => {
    const run = await generate([
      "A paper boat on a river.",
      "--scenes",
      "2",
      "--server",
      app.baseUrl,
      "--token",
      app.token,
      "--yes",
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /It will be rendered once the storyboard is drawn\./);
    const job = await studio.getJob(jobIdIn(run.stdout));
    assert.equal(job.autoApprove, true);
    if (!job.isFinal) await studio.cancel(job.id);
  });

  it("says what is wrong: usage (exit 2, nothing sent), a wrong token, a studio that is not there", async () => {
    const usage: [string[], RegExp][] = [
      [["A cat.", "--server", app.baseUrl], /needs an API token: --token, or STORYREEL_TOKEN/],
      [["A cat.", "--server", "studio.example", "--token", "t"], /--server is the studio's address/],
      [["A cat.", "--server", "ftp://studio.example", "--token", "t"], /http:\/\/ or https:\/\//],
      [["A cat.", "--server", app.baseUrl, "--token", "t", "--out", "x.mp4"], /--out needs --wait/],
      [["A cat.", "--token", "t"], /are for a remote studio \(--server\)/],
      [["A cat.", "--wiat"], /Unknown option '--wiat'/],
      [["A cat.", "--scenes", "99", "--server", app.baseUrl, "--token", "t"], /scene/i],
    ];
    for (const [args, message] of usage) {
      const run = await generate(args);
      assert.equal(run.status, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /usage: npm run generate/);
    }
    const wrong = await generate(["A cat.", "--server", app.baseUrl, "--token", "sr_not_a_token"]);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /^storyreel: .+ \(HTTP 401\)$/m);
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const gone = await generate(["A cat.", "--server", nobody, "--token", "t"]);
    assert.equal(gone.status, 1);
    assert.ok(gone.stderr.includes(`Could not reach ${nobody}: ECONNREFUSED.`), gone.stderr);
    const plain = await generate(["A cat.", "--server", "http://studio.invalid", "--token", "t"]);
    assert.match(plain.stderr, /warning: http:\/\/studio\.invalid is not https, so the token travels unencrypted/);
  });

  it("typed client: refusals are StudioErrors with the API's code, and following a job costs a request per change", async () => {
    const other = createStudioClient({
      server: app.baseUrl,
      token: await invitePerson(app, { name: "Cal", email: "cal@storyreel.test", password: "cal's long password" }),
    });
    const created = await studio.createJob({ prompt: "A kite over a beach.", sceneCount: 2, autoApprove: true });
    await assert.rejects(
      other.getJob(created.id),
      (e: unknown) => e instanceof StudioError && e.status === 404 && e.code === "not_found",
    );
    await assert.rejects(studio.createJob({ prompt: "" }), (e: unknown) => e instanceof StudioError && e.status === 400);

    const answers: { status: number; etag: string | null }[] = [];
    const counting = createStudioClient({
      server: app.baseUrl,
      token: app.token,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        answers.push({ status: response.status, etag: response.headers.get("etag") });
        return response;
      },
    });
    let changes = 0;
    const done = await counting.waitForJob(
      created.id,
      () => false,
      () => changes++,
    );
    assert.equal(done.status, "completed");
    const full = answers.filter((a) => a.status === 200);
    assert.equal(full.length, changes, "each full answer was passed on");
    assert.equal(new Set(full.map((a) => a.etag)).size, full.length, "and each was a new version of the job");
    assert.ok(
      answers.every((a) => a.status === 200 || a.status === 304),
      JSON.stringify(answers),
    );
  });
});

describe("the CLI against a studio on Replicate", () => {
  let fake: FakeReplicate;
  let app: RunningApp;
  before(async () => {
    fake = await startFakeReplicate();
    app = await startApp(replicateEnv(fake));
  });
  after(async () => {
    await app?.stop();
    await fake?.close();
  });

  const setDailyBudget = async (usd: number) => {
    const users = await (await fetch(`${app.baseUrl}/api/users`, { headers: app.auth })).json();
    const patched = await fetch(`${app.baseUrl}/api/users/${users.users[0].id}`, {
      method: "PATCH",
      headers: { ...app.auth, "content-type": "application/json" },
      body: JSON.stringify({ dailyBudgetUsd: usd }),
    });
    assert.equal(patched.status, 200);
  };

  it("warns when the clips would not fit today, draws the storyboard, and does not approve past the budget", async () => {
    const studio = createStudioClient({ server: app.baseUrl, token: app.token });
    const { totalUsd } = await studio.estimate({ sceneCount: 2 });
    await setDailyBudget(totalUsd / 2);
    const { budget } = await studio.estimate({ sceneCount: 2 });
    assert.ok(budget.warning && !budget.refusal, JSON.stringify(budget));
    const run = await generate(["A ship sails into a storm.", "--scenes", "2", "--server", app.baseUrl, "--wait"], "y\n", {
      STORYREEL_TOKEN: app.token,
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    // The warning ends with the time to midnight, which may have moved on by a minute.
    assert.ok(run.stdout.includes(`Note: ${budget.warning.split("; it resets")[0]}`), run.stdout);
    assert.match(run.stdout, /^Storyboard, 2 scenes:/m);
    assert.doesNotMatch(run.stdout, /Approve and render/, "no question it could not honour");
    assert.match(run.stderr, /^storyreel: .*daily limit/m);
    const job = await studio.getJob(jobIdIn(run.stdout));
    assert.equal(job.status, "awaiting_approval");
    await studio.cancel(job.id);

    // With --yes the studio would approve it itself, but the budget stops that: the CLI says so and ends.
    const unattended = await generate(
      ["A ship sails into a storm.", "--scenes", "2", "--server", app.baseUrl, "--wait", "--yes"],
      "",
      {
        STORYREEL_TOKEN: app.token,
      },
    );
    assert.equal(unattended.status, 1, unattended.stdout + unattended.stderr);
    assert.match(unattended.stderr, /The clips were not started by themselves: .*daily limit.* It waits at http/);
    await studio.cancel(jobIdIn(unattended.stdout));
  });

  it("prices the video first and stops at a budget refusal with the studio's sentence, asking Replicate for nothing", async () => {
    const server = ["--server", app.baseUrl, "--token", app.token];
    const before = fake.creates().length;
    await setDailyBudget(0.0001);
    const refused = await generate(["A ship sails into a storm.", "--scenes", "2", ...server, "--wait", "--yes"]);
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /^Estimate: \$\d+\.\d{2,3} on the replicate back end$/m);
    assert.match(refused.stdout, /^ {2}.+: \$\d+\.\d{2,3}$/m, "the estimate's lines");
    assert.match(refused.stderr, /^storyreel: .*daily limit \(set by an admin\)/m);
    assert.doesNotMatch(refused.stdout, /^job /m, "no job was made");
    assert.equal(fake.creates().length, before);
  });
});
