import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, describe, it } from "node:test";
import { SMTPServer } from "smtp-server";
import { call, cli, cookieOf } from "../helpers/account-http";
import { apiClient } from "../helpers/api-client";
import { OWNER, signInOwner, startApp, type RunningApp } from "../helpers/start-app";
import { queryDb } from "../helpers/read-db";

// Accounts through the real routes of the built app: owner setup, invites, sessions, tokens, isolation between
// users, and the limits that keep one person (or a guesser) from taking the studio over.
const running: RunningApp[] = [];
after(async () => Promise.all(running.map((a) => a.stop())));

async function app(env: Record<string, string> = {}, owner = true) {
  const started = await startApp(env, { owner });
  running.push(started);
  return started;
}

describe("the first visit and the owner", () => {
  it(
    "asks for the owner's account, makes it exactly once however many ask at once, and hands over older jobs",
    { timeout: 120_000 },
    async () => {
      const fresh = await app({}, false);
      // A job made from the shell before anyone set the studio up (it belongs to the pre-accounts owner).
      const made = await cli(
        fresh.dataDir,
        "lib/cli/generate.ts",
        "A kettle boils. Tea is poured.",
        "--scenes",
        "2",
        "--out",
        `${fresh.dataDir}/cli.mp4`,
      );
      assert.equal(made.status, 0, made.stderr);

      const home = await call(fresh.baseUrl, "GET", "/");
      assert.equal(home.status, 307);
      assert.equal(new URL(home.headers.get("location")!, fresh.baseUrl).pathname, "/setup");
      const api = await call(fresh.baseUrl, "GET", "/api/jobs");
      assert.equal(api.status, 401);
      assert.match((await api.json()).error.message, /Sign in first, or send a personal API token/);

      const attempts = await Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          call(fresh.baseUrl, "POST", "/api/setup", {
            body: { name: `Owner ${n}`, email: `owner${n}@example.com`, password: "a long enough password" },
          }),
        ),
      );
      assert.deepEqual(attempts.map((r) => r.status).sort(), [201, 409, 409, 409, 409]);
      const winner = attempts.find((r) => r.status === 201)!;
      const cookie = cookieOf(winner);
      assert.match(winner.headers.getSetCookie().join(), /HttpOnly/i);
      assert.match(winner.headers.getSetCookie().join(), /SameSite=Lax/i);
      const jobs = await (await call(fresh.baseUrl, "GET", "/api/jobs", { headers: { Cookie: cookie } })).json();
      assert.equal(jobs.jobs.length, 1, "the job made before setup is the owner's");
      assert.deepEqual(queryDb(fresh.dataDir, "SELECT COUNT(*) AS n FROM User WHERE email LIKE '%@unclaimed.invalid'"), [
        { n: 0 },
      ]);
      assert.equal((await call(fresh.baseUrl, "GET", "/setup")).status, 307, "setup is closed once there is an owner");

      // Sign out ends the session; signing in again makes a new one.
      assert.equal(
        (await call(fresh.baseUrl, "POST", "/api/auth/sign-out", { body: {}, headers: { Cookie: cookie } })).status,
        200,
      );
      assert.equal((await call(fresh.baseUrl, "GET", "/api/jobs", { headers: { Cookie: cookie } })).status, 401);
    },
  );
});

describe("people, invites and isolation", () => {
  it(
    "an invited person sees only their own work: another user's ids answer 404 on every route and media URL",
    { timeout: 180_000 },
    async () => {
      const studio = await app();
      const owner = apiClient(studio.baseUrl, studio.token);
      const invite = await owner.request("POST", "/api/invites", {});
      assert.equal(invite.status, 201);
      assert.match(invite.json.url, /\/invite\/[\w-]{20,}$/);
      const token = invite.json.url.split("/invite/")[1];
      const joined = await call(studio.baseUrl, "POST", "/api/invites/accept", {
        body: { token, name: "Bob", email: "Bob@Example.com", password: "bob's own password" },
      });
      assert.equal(joined.status, 201, await joined.clone().text());
      const again = await call(studio.baseUrl, "POST", "/api/invites/accept", {
        body: { token, name: "Eve", email: "eve@example.com", password: "eve's own password" },
      });
      assert.equal(again.status, 404, "an invite makes one account");
      assert.match((await again.json()).error.message, /used already, has expired, or was mistyped/);
      const bobCookie = cookieOf(joined);
      const bobToken = (
        await (
          await call(studio.baseUrl, "POST", "/api/tokens", { body: { name: "bob" }, headers: { Cookie: bobCookie } })
        ).json()
      ).token;
      const bob = apiClient(studio.baseUrl, bobToken);

      // The owner's job, drafted and waiting for approval, with media on disk.
      const job = await owner.createJob({ prompt: "A lantern is lit. The tent glows.", sceneCount: 2 });
      const review = await owner.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      const [scene] = review.scenes;
      const ownerTokenId = (await owner.request("GET", "/api/tokens")).json.tokens[0].id;
      const routes: [string, string, unknown?][] = [
        ["GET", `/api/jobs/${job.id}`],
        ["PATCH", `/api/jobs/${job.id}/scenes/${scene!.id}`, { caption: "mine now" }],
        ["POST", `/api/jobs/${job.id}/scenes/${scene!.id}/regenerate`],
        ["PUT", `/api/jobs/${job.id}/scenes/order`, { sceneIds: review.scenes.map((s) => s.id).reverse() }],
        ["POST", `/api/jobs/${job.id}/approve`],
        ["POST", `/api/jobs/${job.id}/retry`],
        ["DELETE", `/api/jobs/${job.id}/scenes/${review.scenes[1]!.id}`],
        ["POST", `/api/jobs/${job.id}/cancel`],
        ["GET", scene!.stillUrl!],
        ["DELETE", `/api/tokens/${ownerTokenId}`],
      ];
      for (const [method, path, body] of routes) {
        const asBob = await bob.request(method, path, body);
        assert.equal(asBob.status, 404, `${method} ${path} as another user: ${JSON.stringify(asBob.json)}`);
      }
      // The same ids with the owner's token work, so the 404s above were about the user, not the ids.
      assert.equal((await owner.request("GET", `/api/jobs/${job.id}`)).status, 200);
      assert.equal((await fetch(`${studio.baseUrl}${scene!.stillUrl}`, { headers: studio.auth })).status, 200);
      assert.equal((await bob.request("GET", "/api/jobs")).json.jobs.length, 0, "the list shows only one's own");
      const unchanged = await owner.getJob(job.id);
      assert.equal(unchanged.status, "awaiting_approval");
      assert.equal(unchanged.scenes[0]!.caption, scene!.caption);

      // Admin-only addresses do not exist for others.
      for (const [method, path] of [
        ["GET", "/api/users"],
        ["POST", "/api/invites"],
        ["GET", "/api/invites"],
        ["POST", `/api/users/${"0".repeat(32)}/password`],
      ] as const) {
        assert.equal((await bob.request(method, path)).status, 404, `${method} ${path} as a user`);
      }
      const page = await call(studio.baseUrl, "GET", "/admin", { headers: { Cookie: bobCookie } });
      assert.equal(page.status, 404);

      // The admin sees everyone, and disables Bob: his session and token stop working at once, his sign-in too.
      const users = (await owner.request("GET", "/api/users")).json.users as { id: string; email: string; jobs: number }[];
      assert.deepEqual(
        users.map((u) => [u.email, u.jobs]),
        [
          [OWNER.email, 1],
          ["bob@example.com", 0],
        ],
      );
      const bobId = users[1]!.id;
      assert.equal((await owner.request("PATCH", `/api/users/${users[0]!.id}`, { disabled: true })).status, 400, "not oneself");
      assert.equal((await owner.request("PATCH", `/api/users/${bobId}`, { disabled: true })).status, 200);
      assert.equal((await bob.request("GET", "/api/jobs")).status, 401);
      assert.equal((await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Cookie: bobCookie } })).status, 401);
      const signIn = await call(studio.baseUrl, "POST", "/api/auth/sign-in/email", {
        body: { email: "bob@example.com", password: "bob's own password" },
      });
      assert.equal(signIn.ok, false, "a disabled account cannot sign in");
      assert.equal((await owner.request("PATCH", `/api/users/${bobId}`, { disabled: false })).status, 200);
      assert.equal((await bob.request("GET", "/api/jobs")).status, 200, "enabled again, his token works");

      // The admin resets Bob's password: the new one works, the old one does not.
      const reset = await owner.request("POST", `/api/users/${bobId}/password`);
      assert.equal(reset.status, 200);
      const signInAs = (password: string) =>
        call(studio.baseUrl, "POST", "/api/auth/sign-in/email", { body: { email: "bob@example.com", password } });
      assert.equal((await signInAs("bob's own password")).status, 401);
      const withNew = await signInAs(reset.json.password);
      assert.equal(withNew.status, 200);
      assert.equal((await withNew.clone().json()).token, undefined, "the session token stays in its httpOnly cookie");

      // A page of another site cannot use Bob's cookie to spend the studio's money.
      const forged = await call(studio.baseUrl, "POST", "/api/jobs", {
        body: { prompt: "Spend it all." },
        headers: { Cookie: cookieOf(withNew), Origin: "https://evil.example" },
      });
      assert.equal(forged.status, 403);
    },
  );

  it("tokens: shown once, used as Bearer, last use shown, revoked -> 401", async () => {
    const studio = await app();
    const made = await call(studio.baseUrl, "POST", "/api/tokens", {
      body: { name: "nightly" },
      headers: { Cookie: studio.cookie },
    });
    assert.equal(made.status, 201);
    const { id, token } = await made.json();
    assert.match(token, /^sr_\w{40,}$/);
    const listed = async () =>
      (await (await call(studio.baseUrl, "GET", "/api/tokens", { headers: { Cookie: studio.cookie } })).json()).tokens as {
        id: string;
        lastUsedAt: string | null;
      }[];
    assert.equal((await listed()).find((t) => t.id === id)!.lastUsedAt, null);
    assert.ok(!JSON.stringify(await listed()).includes(token), "never shown again");
    assert.equal((await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Authorization: `Bearer ${token}` } })).status, 200);
    assert.ok((await listed()).find((t) => t.id === id)!.lastUsedAt);
    assert.ok(
      !(queryDb(studio.dataDir, "SELECT key FROM Apikey") as { key: string }[]).some((r) => r.key === token),
      "stored hashed",
    );
    assert.equal((await call(studio.baseUrl, "DELETE", `/api/tokens/${id}`, { headers: { Cookie: studio.cookie } })).status, 204);
    const revoked = await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(revoked.status, 401);
    assert.match((await revoked.json()).error.message, /That API token is not valid/);
    assert.equal((await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Authorization: "Basic abc" } })).status, 401);
  });
});

describe("limits", () => {
  it(
    "locks an account after repeated wrong passwords (429 with Retry-After), even for the right one",
    { timeout: 60_000 },
    async () => {
      const studio = await app();
      const attempt = (password: string) =>
        call(studio.baseUrl, "POST", "/api/auth/sign-in/email", { body: { email: OWNER.email, password } });
      for (let i = 0; i < 5; i++) assert.equal((await attempt("not the password")).status, 401);
      const locked = await attempt(OWNER.password);
      assert.equal(locked.status, 429);
      assert.ok(Number(locked.headers.get("retry-after")) > 60);
      assert.match((await locked.json()).error.message, /Too many failed sign-ins for this account: it is locked for 15 min\./);
      // The studio's API token still works: the lock is on password sign-in.
      assert.equal((await call(studio.baseUrl, "GET", "/api/jobs", { headers: studio.auth })).status, 200);
    },
  );

  it(
    "refuses a person's fourth active job and too many per minute with 429, Retry-After and a sentence",
    { timeout: 60_000 },
    async () => {
      const studio = await app({ MAX_ACTIVE_JOBS_PER_USER: "3", JOBS_PER_MINUTE: "5", LOCAL_BACKEND_DELAY_MS: "3000" });
      const api = apiClient(studio.baseUrl, studio.token);
      const create = () => api.request("POST", "/api/jobs", { prompt: "A bell rings. Birds fly.", sceneCount: 2 });
      const results = await Promise.all([create(), create(), create(), create(), create()]);
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 201, 201, 429, 429], "three at once, however they arrive");
      const refused = results.find((r) => r.status === 429)!;
      assert.ok(Number(refused.headers.get("retry-after")) >= 1);
      assert.match(refused.json.error.message, /You have 3 videos in progress, and at most 3 can be at once/);
      const sixth = await create();
      assert.equal(sixth.status, 429);
      assert.match(sixth.json.error.message, /You can start 5 videos a minute; try again in \d+ s\./);
    },
  );

  it("limits still redraws per person per minute", { timeout: 90_000 }, async () => {
    const studio = await app({ REGENERATIONS_PER_MINUTE: "2" });
    const api = apiClient(studio.baseUrl, studio.token);
    const job = await api.createJob({ prompt: "A gull lands. It takes off.", sceneCount: 2 });
    const review = await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
    const redraw = () => api.request("POST", `/api/jobs/${job.id}/scenes/${review.scenes[0]!.id}/regenerate`);
    for (let i = 0; i < 2; i++) {
      assert.equal((await redraw()).status, 202);
      await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
    }
    const third = await redraw();
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get("retry-after")) >= 1);
    assert.match(third.json.error.message, /You can redraw 2 stills a minute; try again in \d+ s\./);
  });

  it(
    "a redraw moves a storyboard again, so it counts against MAX_ACTIVE_JOBS_PER_USER: 429 and nothing changed",
    { timeout: 90_000 },
    async () => {
      const studio = await app({ MAX_ACTIVE_JOBS_PER_USER: "1", LOCAL_BACKEND_DELAY_MS: "1500" });
      const api = apiClient(studio.baseUrl, studio.token);
      const waiting = await api.createJob({ prompt: "A heron waits. It strikes.", sceneCount: 2 });
      const review = await api.waitForStatus(waiting.id, ["awaiting_approval"], 60_000);
      const moving = await api.createJob({ prompt: "A river bends. It reaches the sea.", sceneCount: 3 });
      const rowOf = () =>
        queryDb<{ status: string; version: number; reservedUsd: number }>(
          studio.dataDir,
          "SELECT status, version, reservedUsd FROM Job WHERE id = ?",
          waiting.id,
        )[0];
      const scenesOf = () =>
        queryDb(
          studio.dataDir,
          "SELECT id, stillStatus, stillRevision, stillKey FROM Scene WHERE jobId = ? ORDER BY position",
          waiting.id,
        );
      const [jobBefore, scenesBefore] = [rowOf(), scenesOf()];
      const redraw = await api.request("POST", `/api/jobs/${waiting.id}/scenes/${review.scenes[0]!.id}/regenerate`);
      assert.ok(!(await api.getJob(moving.id)).isFinal && (await api.getJob(moving.id)).status !== "awaiting_approval");
      assert.equal(redraw.status, 429, JSON.stringify(redraw.json));
      assert.ok(Number(redraw.headers.get("retry-after")) >= 1);
      assert.match(redraw.json.error.message, /You have 1 videos in progress, and at most 1 can be at once/);
      assert.deepEqual(rowOf(), jobBefore, "the job is still waiting, its version and holds unchanged");
      assert.deepEqual(scenesOf(), scenesBefore, "no still was queued for a redraw");
      // Once the other job waits for its person too, the same redraw goes through.
      await api.waitForStatus(moving.id, ["awaiting_approval"], 60_000);
      assert.equal((await api.request("POST", `/api/jobs/${waiting.id}/scenes/${review.scenes[0]!.id}/regenerate`)).status, 202);
    },
  );
});

describe("who may sign up", () => {
  it(
    "SIGNUP=invite refuses open sign-up; SIGNUP=open allows it; SIGNUP=closed refuses invites",
    { timeout: 90_000 },
    async () => {
      const body = { name: "Carol", email: "carol@example.com", password: "carol's password" };
      const invite = await app();
      const refused = await call(invite.baseUrl, "POST", "/api/signup", { body });
      assert.equal(refused.status, 403);
      assert.match((await refused.json()).error.message, /ask the studio's admin for an invite link/);
      const open = await app({ SIGNUP: "open" });
      assert.equal((await call(open.baseUrl, "POST", "/api/signup", { body })).status, 201);
      assert.equal((await call(open.baseUrl, "POST", "/api/signup", { body })).status, 409, "one account per email");
      const closed = await app({ SIGNUP: "closed" });
      const noInvites = await call(closed.baseUrl, "POST", "/api/invites", { body: {}, headers: closed.auth });
      assert.equal(noInvites.status, 403);
      assert.match((await noInvites.json()).error.message, /SIGNUP=closed/);
    },
  );
});

describe("operator commands", () => {
  it(
    "npm run user and npm run token work from the shell, and a reset password ends every session",
    { timeout: 120_000 },
    async () => {
      const studio = await app();
      const created = await cli(
        studio.dataDir,
        "lib/cli/user.ts",
        "create",
        "--email",
        "dana@example.com",
        "--password",
        "dana's password",
      );
      assert.equal(created.status, 0, created.stderr);
      const bad = await cli(studio.dataDir, "lib/cli/user.ts", "create", "--email", "nope", "--password", "x");
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--email: That is not an email address\./);
      const token = await cli(studio.dataDir, "lib/cli/token.ts", "create", "--email", "dana@example.com", "--name", "backup");
      assert.equal(token.status, 0, token.stderr);
      const printed = token.stdout.trim().split("\n").pop()!;
      assert.equal(
        (await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Authorization: `Bearer ${printed}` } })).status,
        200,
      );

      const session = await signInOwner(studio.baseUrl, { name: "Dana", email: "dana@example.com", password: "dana's password" });
      const reset = await cli(studio.dataDir, "lib/cli/user.ts", "reset-password", "--email", "dana@example.com");
      assert.equal(reset.status, 0, reset.stderr);
      const newPassword = reset.stdout.trim().split("\n").pop()!;
      assert.equal((await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Cookie: session.cookie } })).status, 401);
      const old = await call(studio.baseUrl, "POST", "/api/auth/sign-in/email", {
        body: { email: "dana@example.com", password: "dana's password" },
      });
      assert.equal(old.status, 401);
      const fresh = await call(studio.baseUrl, "POST", "/api/auth/sign-in/email", {
        body: { email: "dana@example.com", password: newPassword },
      });
      assert.equal(fresh.status, 200);

      // The reset revoked her tokens (the account may have been taken over): a new one for what follows.
      assert.equal(
        (await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Authorization: `Bearer ${printed}` } })).status,
        401,
      );
      const again = await cli(studio.dataDir, "lib/cli/token.ts", "create", "--email", "dana@example.com", "--name", "after");
      assert.equal(again.status, 0, again.stderr);
      // Disabled from the shell: Dana's storyboard waiting for her is canceled too, so nothing of hers runs on.
      const dana = apiClient(studio.baseUrl, again.stdout.trim().split("\n").pop()!);
      const waiting = await dana.createJob({ prompt: "A kettle boils. Tea is poured.", sceneCount: 2 });
      await dana.waitForStatus(waiting.id, ["awaiting_approval"], 60_000);
      const disabled = await cli(studio.dataDir, "lib/cli/user.ts", "disable", "--email", "dana@example.com");
      assert.equal(disabled.status, 0, disabled.stderr);
      assert.match(disabled.stdout, /dana@example\.com disabled \(1 videos in progress canceled\)/);
      assert.equal(
        queryDb<{ status: string }>(studio.dataDir, "SELECT status FROM Job WHERE id = ?", waiting.id)[0]?.status,
        "canceled",
      );
    },
  );
});

describe("share links", () => {
  it(
    "a signed link plays the finished video without signing in, until it expires or sharing stops",
    { timeout: 120_000 },
    async () => {
      const studio = await app();
      const owner = apiClient(studio.baseUrl, studio.token);
      const running = await owner.createJob({ prompt: "A bee finds a flower.", sceneCount: 2 });
      const tooEarly = await owner.request("POST", `/api/jobs/${running.id}/share`, {});
      assert.equal(tooEarly.status, 409);
      assert.match(tooEarly.json.error.message, /Only a finished video can be shared\./);

      const job = await owner.createJob({
        prompt: "A paper boat sails. It reaches the pond's end.",
        sceneCount: 2,
        autoApprove: true,
      });
      await owner.waitForStatus(job.id, ["completed"], 90_000);
      assert.equal((await owner.request("POST", `/api/jobs/${job.id}/share`, { days: 90 })).status, 400);
      const shared = await owner.request("POST", `/api/jobs/${job.id}/share`, {});
      assert.equal(shared.status, 201);
      const url: string = shared.json.url;
      assert.match(url, new RegExp(`^${studio.baseUrl}/api/share/${job.id}/\\d+/[\\w-]{43}$`));
      assert.ok(Date.parse(shared.json.expiresAt) - Date.now() > 6.9 * 86_400_000);

      const played = await fetch(url); // no cookie, no token
      assert.equal(played.status, 200);
      assert.equal(played.headers.get("content-type"), "video/mp4");
      assert.equal(Number(played.headers.get("content-length")), (await played.arrayBuffer()).byteLength);
      assert.equal((await fetch(url, { headers: { Range: "bytes=0-99" } })).status, 206);
      const [jobId, expires, signature] = url.split("/api/share/")[1]!.split("/");
      const tampered = `${studio.baseUrl}/api/share/${jobId}/${Number(expires) + 86_400}/${signature}`;
      assert.equal((await fetch(tampered)).status, 404, "a later expiry breaks the signature");
      assert.equal((await fetch(`${url}x`)).status, 404);

      // Signed with the studio's own key but already past its time: 410 and a sentence.
      const secret = fs.readFileSync(path.join(studio.dataDir, "auth-secret"), "utf8").trim();
      const { shareKey } = (
        queryDb(studio.dataDir, `SELECT shareKey FROM Job WHERE id = '${job.id}'`) as { shareKey: string }[]
      )[0]!;
      const past = Math.floor(Date.now() / 1000) - 60;
      const expiredSig = createHmac("sha256", secret).update(`share:${job.id}:${past}:${shareKey}`).digest("base64url");
      const expired = await fetch(`${studio.baseUrl}/api/share/${job.id}/${past}/${expiredSig}`);
      assert.equal(expired.status, 410);
      assert.match((await expired.json()).error.message, /This share link has expired/);

      // Another person can neither make nor end the owner's links.
      const other = await call(studio.baseUrl, "POST", "/api/invites", { body: {}, headers: studio.auth });
      const joined = await call(studio.baseUrl, "POST", "/api/invites/accept", {
        body: {
          token: (await other.json()).url.split("/invite/")[1],
          name: "Ann",
          email: "ann@example.com",
          password: "ann's password!",
        },
      });
      const ann = { Cookie: cookieOf(joined) };
      assert.equal((await call(studio.baseUrl, "POST", `/api/jobs/${job.id}/share`, { body: {}, headers: ann })).status, 404);
      assert.equal((await call(studio.baseUrl, "DELETE", `/api/jobs/${job.id}/share`, { headers: ann })).status, 404);
      assert.equal((await fetch(url)).status, 200);
      // The finished job's media URLs (video, download, poster, each clip) are the owner's alone.
      const done = await owner.getJob(job.id);
      const media = [done.videoUrl!, done.downloadUrl!, done.posterUrl!, ...done.scenes.map((s) => s.clipUrl!)];
      for (const address of media) {
        assert.equal((await call(studio.baseUrl, "GET", address, { headers: ann })).status, 404, `${address} as another user`);
        assert.equal((await fetch(`${studio.baseUrl}${address}`)).status, 401, `${address} signed out`);
        assert.equal(
          (await fetch(`${studio.baseUrl}${address}`, { headers: studio.auth })).status,
          200,
          `${address} as its owner`,
        );
      }

      assert.equal((await owner.request("DELETE", `/api/jobs/${job.id}/share`)).status, 204);
      assert.equal((await fetch(url)).status, 404, "stopping sharing ends every link");
    },
  );

  it("share requests that arrive together each get a link that plays", { timeout: 120_000 }, async () => {
    const studio = await app();
    const owner = apiClient(studio.baseUrl, studio.token);
    const job = await owner.createJob({ prompt: "A lantern floats up. It fades.", sceneCount: 2, autoApprove: true });
    await owner.waitForStatus(job.id, ["completed"], 90_000);
    for (const round of [1, 2]) {
      const links = await Promise.all(Array.from({ length: 5 }, () => owner.request("POST", `/api/jobs/${job.id}/share`, {})));
      assert.deepEqual(
        links.map((l) => l.status),
        [201, 201, 201, 201, 201],
      );
      for (const [i, link] of links.entries()) {
        const played = await fetch(link.json.url);
        assert.equal(played.status, 200, `round ${round}: link ${i + 1} of 5 plays`);
        await played.arrayBuffer();
      }
      // Stopping sharing ends them all; the next round starts from no key again.
      assert.equal((await owner.request("DELETE", `/api/jobs/${job.id}/share`)).status, 204);
      for (const link of links) assert.equal((await fetch(link.json.url)).status, 404);
    }
  });
});

describe("invites by mail", () => {
  it(
    "mails the invite link when SMTP_URL is set, says so when it is not, and reports a refusal",
    { timeout: 90_000 },
    async () => {
      const received: { to: string[]; body: string }[] = [];
      const smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onRcptTo(address, _session, done) {
          done(
            address.address === "nobody@example.com"
              ? Object.assign(new Error("No such user here"), { responseCode: 550 })
              : undefined,
          );
        },
        onData(stream, session, done) {
          let body = "";
          stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
          stream.on("end", () => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
            done();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
      try {
        const port = (smtp.server.address() as AddressInfo).port;
        const studio = await app({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Studio <studio@example.com>" });
        const owner = apiClient(studio.baseUrl, studio.token);
        const sent = await owner.request("POST", "/api/invites", { email: "Zoe@Example.com" });
        assert.equal(sent.status, 201, JSON.stringify(sent.json));
        assert.equal(sent.json.emailedTo, "zoe@example.com");
        assert.equal(received.length, 1);
        assert.deepEqual(received[0]!.to, ["zoe@example.com"]);
        assert.ok(received[0]!.body.replace(/=\r?\n/g, "").includes(sent.json.url), "the mail carries the link");
        assert.match(received[0]!.body, /Subject: Test Owner invited you to Storyreel/);

        const refused = await owner.request("POST", "/api/invites", { email: "nobody@example.com" });
        assert.equal(refused.status, 502);
        assert.match(refused.json.error.message, /The mail server refused the message/);
        assert.equal((await owner.request("POST", "/api/invites", { email: "not an address" })).status, 400);

        const noMail = await app();
        const unset = await apiClient(noMail.baseUrl, noMail.token).request("POST", "/api/invites", { email: "zoe@example.com" });
        assert.equal(unset.status, 409);
        assert.match(unset.json.error.message, /No mail server is set up \(SMTP_URL\)/);
      } finally {
        await new Promise<void>((resolve) => smtp.close(() => resolve()));
      }
    },
  );
});
