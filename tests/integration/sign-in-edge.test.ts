import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { call, cli, cookieOf } from "../helpers/account-http";
import { invitePerson } from "../helpers/invite-person";
import { queryDb } from "../helpers/read-db";
import { OWNER, startApp, type RunningApp } from "../helpers/start-app";

// The edges of signing in, over real HTTP against the built app: guesses sent all at once, the better-auth
// endpoints the studio does not use, and where a sign-in may send a person on to.
const running: RunningApp[] = [];
after(async () => Promise.all(running.map((a) => a.stop())));

async function app(env: Record<string, string> = {}, owner = true, host?: string) {
  const started = await startApp(env, { owner, host });
  running.push(started);
  return started;
}

const signIn = (base: string, body: Record<string, unknown>) => call(base, "POST", "/api/auth/sign-in/email", { body });

describe("guesses sent all at once", () => {
  it(
    "checks only as many passwords as one after another would (5), refuses the rest with 429, and stays locked",
    { timeout: 120_000 },
    async () => {
      const studio = await app();
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => signIn(studio.baseUrl, { email: OWNER.email, password: `wrong guess ${i}` })),
      );
      const statuses = answers.map((a) => a.status);
      const checked = statuses.filter((s) => s === 401).length;
      assert.equal(checked, 5, `${checked} passwords were checked: ${statuses.join(" ")}`);
      assert.equal(statuses.filter((s) => s === 429).length, 30 - checked, statuses.join(" "));
      const refused = answers.find((a) => a.status === 429)!;
      assert.ok(Number(refused.headers.get("retry-after")) > 60);
      assert.match((await refused.json()).error.message, /Too many failed sign-ins for this account/);

      const right = await signIn(studio.baseUrl, { email: OWNER.email, password: OWNER.password });
      assert.equal(right.status, 429, "the right password is locked out too");
      assert.match((await right.json()).error.message, /it is locked for 15 min\./);
    },
  );

  it(
    "counts what it checks: a body read as a form, or a malformed one, never reaches the password check",
    { timeout: 120_000 },
    async () => {
      const studio = await app();
      // Valid JSON naming one account and a valid form naming another: better-auth parses forms too.
      const polyglot = (i: number) =>
        fetch(`${studio.baseUrl}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", "Next-Action": "x" },
          body: JSON.stringify({ email: `decoy-${i}@x.io`, p: `&email=${encodeURIComponent(OWNER.email)}&password=guess-${i}&` }),
        });
      for (let i = 0; i < 6; i++) assert.equal((await polyglot(i)).status, 415, "the API takes JSON only, Next-Action or not");
      const countersBefore = queryDb<{ n: number }>(studio.dataDir, "SELECT count(*) AS n FROM RateLimiterFlexible")[0]!.n;
      for (const body of [
        { email: `${"a".repeat(300)}@x.io`, password: "p" },
        { email: 42, password: "p" },
        { email: OWNER.email },
      ]) {
        const answer = await signIn(studio.baseUrl, body);
        assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
      }
      const countersAfter = queryDb<{ n: number }>(studio.dataDir, "SELECT count(*) AS n FROM RateLimiterFlexible")[0]!.n;
      assert.equal(countersAfter, countersBefore, "a malformed sign-in writes no counter row");
      assert.equal((await signIn(studio.baseUrl, { email: OWNER.email, password: OWNER.password })).status, 200, "never locked");
    },
  );

  it("answers a disabled account's right and wrong passwords alike, and counts both", { timeout: 120_000 }, async () => {
    const studio = await app();
    const person = { name: "Gone", email: "gone@storyreel.test", password: "gone person password" };
    await invitePerson(studio, person);
    const users = (await (await call(studio.baseUrl, "GET", "/api/users", { headers: studio.auth })).json()) as {
      users: { id: string; email: string }[];
    };
    const id = users.users.find((u) => u.email === person.email)!.id;
    const disable = await call(studio.baseUrl, "PATCH", `/api/users/${id}`, { body: { disabled: true }, headers: studio.auth });
    assert.equal(disable.status, 200);
    const answer = async (password: string) => {
      const response = await signIn(studio.baseUrl, { email: person.email, password });
      return `${response.status} ${await response.text()}`;
    };
    const wrong = await answer("not the password");
    const right = await answer(person.password);
    assert.equal(right, wrong, "the answer does not say whether the password was right");
    assert.match(wrong, /^401 /);
    for (let i = 0; i < 3; i++) await answer(person.password);
    assert.match(await answer(person.password), /^429 /, "the right password spends tries too");
  });

  it("gives a try back on success: wrong, right, wrong, right... never locks the person out", { timeout: 120_000 }, async () => {
    const studio = await app();
    for (let i = 0; i < 4; i++) {
      assert.equal((await signIn(studio.baseUrl, { email: OWNER.email, password: "not it" })).status, 401);
      assert.equal((await signIn(studio.baseUrl, { email: OWNER.email, password: OWNER.password })).status, 200);
    }
  });
});

describe("better-auth's endpoints", () => {
  it(
    "answers 404 for every one the studio does not use, even with a session; the used ones still work",
    { timeout: 120_000 },
    async () => {
      const studio = await app();
      await invitePerson(studio, { name: "Second Person", email: "second@storyreel.test", password: "second person password" });
      const headers = { Cookie: studio.cookie };
      const other = (await (await call(studio.baseUrl, "GET", "/api/users", { headers })).json()) as {
        users: { id: string; email: string }[];
      };
      const second = other.users.find((u) => u.email === "second@storyreel.test")!;
      const unused: [string, string, unknown][] = [
        ["POST", "/api/auth/api-key/create", { name: "sneaky" }],
        ["POST", "/api/auth/update-user", { name: "" }],
        ["POST", "/api/auth/admin/set-role", { userId: second.id, role: "admin" }],
        ["POST", "/api/auth/admin/list-users", {}],
        ["GET", "/api/auth/admin/list-users", undefined],
        ["POST", "/api/auth/sign-up/email", { name: "X", email: "x@storyreel.test", password: "a long enough password" }],
        ["POST", "/api/auth/change-password", { currentPassword: OWNER.password, newPassword: "another long password" }],
        ["GET", "/api/auth/list-sessions", undefined],
        ["GET", "/api/auth/api-key/list", undefined],
        ["GET", "/api/auth/ok", undefined],
      ];
      for (const [method, path, body] of unused) {
        const answer = await call(studio.baseUrl, method, path, { body, headers });
        assert.equal(answer.status, 404, `${method} ${path}: ${answer.status} ${await answer.text()}`);
      }
      const users = (await (await call(studio.baseUrl, "GET", "/api/users", { headers })).json()) as {
        users: { email: string; role: string }[];
      };
      assert.equal(users.users.find((u) => u.email === "second@storyreel.test")?.role, "user", "nobody was made admin");

      const session = await call(studio.baseUrl, "GET", "/api/auth/get-session", { headers });
      assert.equal(session.status, 200);
      assert.equal(((await session.json()) as { user: { email: string } }).user.email, OWNER.email);
      const signedIn = await signIn(studio.baseUrl, { email: OWNER.email, password: OWNER.password });
      assert.equal(signedIn.status, 200);
      const cookie = signedIn.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      assert.equal((await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Cookie: cookie } })).status, 200);
      assert.equal(
        (await call(studio.baseUrl, "POST", "/api/auth/sign-out", { body: {}, headers: { Cookie: cookie } })).status,
        200,
      );
      assert.equal((await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Cookie: cookie } })).status, 401);
    },
  );

  it("sends a person on (callbackURL) only to a path on this site", { timeout: 120_000 }, async () => {
    const studio = await app();
    for (const callbackURL of [
      "//evil.example",
      "/\t/evil.example",
      "/%5Cevil.example",
      "http://evil.example/",
      "javascript:alert(1)",
    ]) {
      const answer = await signIn(studio.baseUrl, { email: OWNER.email, password: OWNER.password, callbackURL });
      assert.equal(answer.status, 400, `${JSON.stringify(callbackURL)}: ${answer.status} ${answer.headers.get("location")}`);
      assert.match((await answer.json()).error.message, /callbackURL must be a path on this site/);
      const out = await call(studio.baseUrl, "POST", "/api/auth/sign-out", {
        body: { callbackURL },
        headers: { Cookie: studio.cookie },
      });
      assert.equal(out.status, 400, `sign-out ${JSON.stringify(callbackURL)}`);
    }
    const local = await signIn(studio.baseUrl, { email: OWNER.email, password: OWNER.password, callbackURL: "/jobs" });
    assert.equal(local.status, 200);
    assert.equal(local.headers.get("location"), "/jobs");
  });
});

describe("API tokens of an account that may have been taken over", () => {
  it(
    "stop working after an admin's password reset, the shell's reset, and sign-out-everywhere with revokeTokens",
    { timeout: 180_000 },
    async () => {
      const studio = await app();
      const person = { name: "Taken Over", email: "taken@storyreel.test", password: "taken over password" };
      const token = await invitePerson(studio, person);
      const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
      const works = async (t: string) => (await call(studio.baseUrl, "GET", "/api/jobs", { headers: bearer(t) })).status;
      assert.equal(await works(token), 200);
      const users = (await (await call(studio.baseUrl, "GET", "/api/users", { headers: studio.auth })).json()) as {
        users: { id: string; email: string }[];
      };
      const id = users.users.find((u) => u.email === person.email)!.id;

      const reset = await call(studio.baseUrl, "POST", `/api/users/${id}/password`, { body: {}, headers: studio.auth });
      assert.equal(reset.status, 200, await reset.clone().text());
      assert.equal(await works(token), 401, "the admin's reset revoked the token");
      assert.equal(await works(studio.token), 200, "the admin's own token is untouched");

      // Signed in again with the new password: a new token, and "sign out everywhere" without and with the option.
      const password = ((await reset.json()) as { password: string }).password;
      const session = await signIn(studio.baseUrl, { email: person.email, password });
      assert.equal(session.status, 200);
      const cookie = session.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const makeToken = async (who: Record<string, string>) =>
        (
          (await (await call(studio.baseUrl, "POST", "/api/tokens", { body: { name: "script" }, headers: who })).json()) as {
            token: string;
          }
        ).token;
      const second = await makeToken({ Cookie: cookie });
      const out = await call(studio.baseUrl, "POST", "/api/account/sign-out-everywhere", { headers: bearer(second) });
      assert.equal(out.status, 204, "a bare POST still signs out everywhere");
      assert.equal(await works(second), 200, "without the option, tokens stay");
      assert.equal((await call(studio.baseUrl, "GET", "/api/jobs", { headers: { Cookie: cookie } })).status, 401);
      const refused = await call(studio.baseUrl, "POST", "/api/account/sign-out-everywhere", {
        body: { revokeTokens: "yes" },
        headers: bearer(second),
      });
      assert.equal(refused.status, 400);
      const revoked = await call(studio.baseUrl, "POST", "/api/account/sign-out-everywhere", {
        body: { revokeTokens: true },
        headers: bearer(second),
      });
      assert.equal(revoked.status, 204);
      assert.equal(await works(second), 401, "sign-out-everywhere with revokeTokens revoked the token");
      assert.equal(await works(studio.token), 200, "someone else's tokens are untouched");

      const third = await makeToken({ Cookie: cookieOf(await signIn(studio.baseUrl, { email: person.email, password })) });
      assert.equal(await works(third), 200);
      const shell = await cli(studio.dataDir, "lib/cli/user.ts", "reset-password", "--email", person.email);
      assert.equal(shell.status, 0, shell.stderr);
      assert.match(shell.stdout, /every API token revoked/);
      assert.equal(await works(third), 401, "the shell's reset revoked the token");
    },
  );
});

describe("the placeholder domain of unclaimed users", () => {
  it(
    "is refused with 400 and a sentence at sign-up, invites, invite-accept and user creation",
    { timeout: 120_000 },
    async () => {
      const studio = await app({ SIGNUP: "open" });
      const sentence = /Addresses ending in @unclaimed\.invalid are kept for the studio's own placeholder users/;
      const account = { name: "Hidden", email: "hidden@unclaimed.invalid", password: "hidden person password" };
      for (const email of [account.email, "Hidden@UNCLAIMED.invalid", "  hidden@unclaimed.invalid "]) {
        const signUp = await call(studio.baseUrl, "POST", "/api/signup", { body: { ...account, email } });
        assert.equal(signUp.status, 400, email);
        assert.match((await signUp.json()).error.message, sentence);
      }
      const invite = await call(studio.baseUrl, "POST", "/api/invites", { body: { email: account.email }, headers: studio.auth });
      assert.equal(invite.status, 400);
      assert.match((await invite.json()).error.message, sentence);
      const open = await call(studio.baseUrl, "POST", "/api/invites", { body: {}, headers: studio.auth });
      const token = ((await open.json()) as { url: string }).url.split("/invite/")[1];
      const accept = await call(studio.baseUrl, "POST", "/api/invites/accept", { body: { token, ...account } });
      assert.equal(accept.status, 400);
      assert.match((await accept.json()).error.message, sentence);
      const shell = await cli(
        studio.dataDir,
        "lib/cli/user.ts",
        "create",
        "--email",
        account.email,
        "--password",
        account.password,
      );
      assert.notEqual(shell.status, 0);
      assert.match(shell.stderr, sentence);

      // Nobody was made, and the invite still works for a real address.
      const users = (await (await call(studio.baseUrl, "GET", "/api/users", { headers: studio.auth })).json()) as {
        users: { email: string }[];
      };
      assert.deepEqual(
        users.users.map((u) => u.email),
        [OWNER.email],
      );
      const real = await call(studio.baseUrl, "POST", "/api/invites/accept", {
        body: { token, ...account, email: "real@storyreel.test" },
      });
      assert.equal(real.status, 201);
    },
  );
});
