import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { call, cookieOf } from "../helpers/account-http";
import { OWNER, startApp, type RunningApp } from "../helpers/start-app";

// The owner's account on a fresh install that others can reach: whoever gets there first must also have the
// code the server printed to the person who started it.
const running: RunningApp[] = [];
after(async () => Promise.all(running.map((a) => a.stop())));

async function app(env: Record<string, string> = {}, owner = true, host?: string) {
  const started = await startApp(env, { owner, host });
  running.push(started);
  return started;
}

const post = (base: string, path: string, body: unknown) => call(base, "POST", path, { body });

describe("the owner's setup on a server others can reach", () => {
  const setupCodeIn = (logs: string) => /setup code: ([A-Z0-9-]+)/.exec(logs)?.[1];
  const owner = (setupCode?: string) => ({ ...OWNER, ...(setupCode === undefined ? {} : { setupCode }) });

  it(
    "with HOST=0.0.0.0 asks for the code printed at start-up: none or a wrong one is a 403, the right one makes the owner",
    { timeout: 120_000 },
    async () => {
      const studio = await app({}, false, "0.0.0.0");
      const code = setupCodeIn(studio.logs());
      assert.ok(code, `no setup code in the console:\n${studio.logs()}`);
      assert.match(await (await call(studio.baseUrl, "GET", "/setup")).text(), /name="setupCode"/, "the page asks for it");

      for (const given of [undefined, "", "WRONG-CODE-HERE", code.slice(0, -1), `${code}X`]) {
        const refused = await post(studio.baseUrl, "/api/setup", owner(given));
        assert.equal(refused.status, 403, `setupCode ${JSON.stringify(given)}`);
        assert.match((await refused.json()).error.message, /setup code/i);
      }
      const made = await post(studio.baseUrl, "/api/setup", owner(code.toLowerCase()));
      assert.equal(made.status, 201, await made.clone().text());
      assert.equal((await fetch(`${studio.baseUrl}/api/jobs`, { headers: { Cookie: cookieOf(made) } })).status, 200);
      // Used once: the studio has its owner, and the code opens nothing any more.
      assert.equal((await post(studio.baseUrl, "/api/setup", owner(code))).status, 409);
    },
  );

  it("limits guesses at the code per address (429), the right code included", { timeout: 120_000 }, async () => {
    const studio = await app({}, false, "0.0.0.0");
    const code = setupCodeIn(studio.logs())!;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(studio.baseUrl, "/api/setup", owner(`GUESS-${i}`))).status);
    assert.deepEqual(statuses, Array(10).fill(403));
    const locked = await post(studio.baseUrl, "/api/setup", owner(code));
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers.get("retry-after")) > 60);
  });

  it(
    "behind a proxy on this machine (TRUST_PROXY, a public PUBLIC_BASE_URL or ALLOWED_HOSTS) asks for it too",
    { timeout: 120_000 },
    async () => {
      const settings: Record<string, string>[] = [{ TRUST_PROXY: "true" }, { ALLOWED_HOSTS: "studio.example" }];
      for (const env of settings) {
        const studio = await app(env, false);
        const code = setupCodeIn(studio.logs());
        assert.ok(code, `${JSON.stringify(env)}: no setup code in the console`);
        assert.equal((await post(studio.baseUrl, "/api/setup", owner())).status, 403, JSON.stringify(env));
        assert.equal((await post(studio.baseUrl, "/api/setup", owner(code))).status, 201, JSON.stringify(env));
        await studio.stop();
      }
    },
  );

  it("on loopback (the default) asks for no code and prints none", { timeout: 120_000 }, async () => {
    const studio = await app({}, false);
    assert.equal(setupCodeIn(studio.logs()), undefined);
    assert.doesNotMatch(await (await call(studio.baseUrl, "GET", "/setup")).text(), /name="setupCode"/);
    assert.equal((await post(studio.baseUrl, "/api/setup", owner())).status, 201);
  });
});
