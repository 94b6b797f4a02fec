import assert from "node:assert/strict";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { call, cookieOf } from "../helpers/account-http";
import { invitePerson } from "../helpers/invite-person";
import { runScript, startApp, type RunningApp } from "../helpers/start-app";
import { waitFor } from "../helpers/wait-for";

// The cheap poll over real HTTP on one built app: callers remembered in memory stop at once when revoked here and
// within the generation check (1 s) when revoked from another process; the long poll waits, wakes, and is bounded.
let app: RunningApp;
before(async () => (app = await startApp()));
after(async () => app?.stop());

const PASSWORD = "a long enough password";
// The revocation bound (lib/auth/auth-generation.ts GENERATION_FRESH_MS, 1 s) with room for a loaded machine.
const BOUND_MS = 2500;

async function person(name: string): Promise<{ email: string; token: string; cookie: string }> {
  const email = `${name}@storyreel.test`;
  const token = await invitePerson(app, { name, email, password: PASSWORD });
  const signedIn = await call(app.baseUrl, "POST", "/api/auth/sign-in/email", { body: { email, password: PASSWORD } });
  assert.equal(signedIn.status, 200);
  return { email, token, cookie: cookieOf(signedIn) };
}

const asToken = (token: string) => ({ Authorization: `Bearer ${token}` });
const status = async (headers: Record<string, string>) => (await call(app.baseUrl, "GET", "/api/jobs", { headers })).status;

/** Both credentials work (and are now remembered by the server); `revoke` runs; both stop within the bound. */
async function stopsWithinBound(who: { token: string; cookie: string }, revoke: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) {
    assert.equal(await status(asToken(who.token)), 200);
    assert.equal(await status({ Cookie: who.cookie }), 200);
  }
  await revoke();
  const revokedAt = performance.now();
  await waitFor("the token to stop", async () => (await status(asToken(who.token))) === 401, { timeoutMs: BOUND_MS });
  await waitFor("the session to stop", async () => (await status({ Cookie: who.cookie })) === 401, { timeoutMs: BOUND_MS });
  return performance.now() - revokedAt;
}

describe("revocation while callers are remembered", () => {
  it("a revoked token and a signed-out session stop at once", async () => {
    const ann = await person("ann");
    assert.equal(await status(asToken(ann.token)), 200);
    const { tokens } = await (await call(app.baseUrl, "GET", "/api/tokens", { headers: { Cookie: ann.cookie } })).json();
    const revoked = await call(app.baseUrl, "DELETE", `/api/tokens/${tokens[0].id}`, { headers: { Cookie: ann.cookie } });
    assert.equal(revoked.status, 204);
    assert.equal(await status(asToken(ann.token)), 401, "the very next request");

    assert.equal(await status({ Cookie: ann.cookie }), 200);
    const out = await call(app.baseUrl, "POST", "/api/auth/sign-out", { body: {}, headers: { Cookie: ann.cookie } });
    assert.equal(out.status, 200);
    assert.equal(await status({ Cookie: ann.cookie }), 401, "the very next request");
  });

  it("disabling a person from the shell (another process) stops their token and session within the bound", async () => {
    const bob = await person("bob");
    const ms = await stopsWithinBound(bob, async () => {
      const done = await runScript(app.dataDir, "user", ["disable", "--email", bob.email]);
      assert.equal(done.status, 0, done.stderr);
    });
    assert.ok(ms < BOUND_MS, `stopped after ${ms.toFixed(0)} ms`);
  });

  it("a password reset from the shell stops the old token and session within the bound", async () => {
    const cy = await person("cy");
    await stopsWithinBound(cy, async () => {
      const done = await runScript(app.dataDir, "user", ["reset-password", "--email", cy.email]);
      assert.equal(done.status, 0, done.stderr);
    });
  });

  it("a token's last use is recorded without a write per request", async () => {
    const dee = await person("dee");
    for (let i = 0; i < 10; i++) assert.equal(await status(asToken(dee.token)), 200);
    const { tokens } = await (await call(app.baseUrl, "GET", "/api/tokens", { headers: { Cookie: dee.cookie } })).json();
    const used = tokens.find((t: { name: string }) => t.name === "dee");
    assert.ok(used.lastUsedAt, "the first use is shown");
    for (let i = 0; i < 10; i++) assert.equal(await status(asToken(dee.token)), 200);
    const again = (await (await call(app.baseUrl, "GET", "/api/tokens", { headers: { Cookie: dee.cookie } })).json()).tokens;
    assert.equal(
      again.find((t: { name: string }) => t.name === "dee").lastUsedAt,
      used.lastUsedAt,
      "not rewritten within a minute",
    );
  });
});

describe("the long poll", () => {
  let jobId: string;
  let etag: string;
  const poll = (headers: Record<string, string>, query = "?wait=25", signal?: AbortSignal) =>
    fetch(`${app.baseUrl}/api/jobs/${jobId}${query}`, { headers, signal });
  const timed = async (run: () => Promise<Response>) => {
    const started = performance.now();
    const response = await run();
    await response.arrayBuffer();
    return { response, ms: performance.now() - started };
  };

  before(async () => {
    const made = await call(app.baseUrl, "POST", "/api/jobs", {
      headers: app.auth,
      body: { prompt: "A paper boat drifts down a gutter. It reaches the sea.", sceneCount: 2 },
    });
    assert.equal(made.status, 201);
    jobId = (await made.json()).id;
    // Waiting for a person: nothing changes the job until the test does.
    etag = await waitFor("the storyboard", async () => {
      const r = await fetch(`${app.baseUrl}/api/jobs/${jobId}`, { headers: app.auth });
      const view = (await r.json()) as { status: string };
      return view.status === "awaiting_approval" ? r.headers.get("etag") : null;
    });
  });

  it("answers 304 after the wait when nothing changed, with a token and with a cookie", async () => {
    for (const headers of [app.auth, { Cookie: app.cookie }]) {
      const { response, ms } = await timed(() => poll({ ...headers, "If-None-Match": etag }, "?wait=2"));
      assert.equal(response.status, 304);
      assert.equal(response.headers.get("etag"), etag);
      assert.ok(ms >= 1900 && ms < 3500, `answered after ${ms.toFixed(0)} ms`);
    }
  });

  it("answers 200 at once without an ETag or with an old one", async () => {
    for (const headers of [app.auth, { ...app.auth, "If-None-Match": 'W/"old.1"' }]) {
      const { response, ms } = await timed(() => poll(headers));
      assert.equal(response.status, 200);
      assert.ok(ms < 1000, `answered after ${ms.toFixed(0)} ms`);
    }
  });

  it("refuses a wait out of bounds with a sentence", async () => {
    for (const query of ["?wait=26", "?wait=-1", "?wait=soon", "?wait=1.5"]) {
      const response = await poll(app.auth, query);
      assert.equal(response.status, 400, query);
      assert.match((await response.json()).error.message, /wait is a whole number of seconds from 0 to 25/);
    }
  });

  it("wakes promptly for a change another process writes", async () => {
    const waiting = timed(() => poll({ Cookie: app.cookie, "If-None-Match": etag }));
    await new Promise((r) => setTimeout(r, 500));
    // As a worker process would: a write to the shared database, no signal to this server.
    const db = new Database(path.join(app.dataDir, "storyreel.db"));
    const changedAt = performance.now();
    db.prepare("UPDATE Job SET version = version + 1 WHERE id = ?").run(jobId);
    db.close();
    const { response } = await waiting;
    const late = performance.now() - changedAt;
    assert.equal(response.status, 200);
    assert.notEqual(response.headers.get("etag"), etag);
    assert.ok(late < 1200, `seen ${late.toFixed(0)} ms after the change`);
    etag = response.headers.get("etag")!;
  });

  it("holds at most 10 waits a person; a client that leaves frees its wait", async () => {
    const leaving = new AbortController();
    const held = Array.from({ length: 10 }, () =>
      poll({ ...app.auth, "If-None-Match": etag }, "?wait=25", leaving.signal).catch(() => null),
    );
    await new Promise((r) => setTimeout(r, 500));
    const over = await timed(() => poll({ ...app.auth, "If-None-Match": etag }));
    assert.equal(over.response.status, 304);
    assert.ok(over.ms < 800, `the eleventh answered after ${over.ms.toFixed(0)} ms`);
    leaving.abort();
    await Promise.all(held);
    await new Promise((r) => setTimeout(r, 300));
    const again = await timed(() => poll({ ...app.auth, "If-None-Match": etag }, "?wait=1"));
    assert.equal(again.response.status, 304);
    assert.ok(again.ms >= 900, `a wait is granted again (${again.ms.toFixed(0)} ms)`);
  });

  it("answers 200 at once when this server changes the job", async () => {
    const waiting = timed(() => poll({ ...app.auth, "If-None-Match": etag }));
    await new Promise((r) => setTimeout(r, 300));
    const changedAt = performance.now();
    const canceled = await call(app.baseUrl, "POST", `/api/jobs/${jobId}/cancel`, { headers: app.auth, body: {} });
    assert.ok(canceled.ok, await canceled.text());
    const { response } = await waiting;
    assert.equal(response.status, 200);
    assert.equal((await (await poll(app.auth, "")).json()).status, "canceled");
    const late = performance.now() - changedAt;
    assert.ok(late < 1000, `seen ${late.toFixed(0)} ms after the change`);
  });
});
