import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { before, beforeEach, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { getDb } from "@/lib/db/client";
import { createAccount, setDisabled, setPassword, signOutEverywhere } from "@/lib/auth/accounts";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { getAuth } from "@/lib/auth/auth";
import { AUTH_GENERATION_KEY, currentAuthGeneration, GENERATION_FRESH_MS } from "@/lib/auth/auth-generation";
import { callerFromApiToken, callerFromSession, type Caller } from "@/lib/auth/callers";
import {
  credentialKey,
  forgetVerifiedCallers,
  MAX_VERIFIED_CALLERS,
  rememberCaller,
  trustedCaller,
  VERIFIED_CALLER_TTL_MS,
  verifiedCallerCount,
} from "@/lib/auth/verified-callers";

before(() => prepareFreshDataDir("verified-callers"));
beforeEach(() => forgetVerifiedCallers());

const PASSWORD = "a long enough password";
let people = 0;
async function person() {
  const account = await createAccount({ name: "Poller", email: `poller${++people}@storyreel.test`, password: PASSWORD }, "user");
  const { token } = await createApiToken(account.id, "script");
  return { ...account, token };
}

async function sessionHeaders(email: string): Promise<Headers> {
  const signedIn = await getAuth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return new Headers({ cookie });
}

/** As another process revokes: the row goes and the generation changes in the database, nothing in this process. */
async function revokeElsewhere(tokenId: string) {
  await getDb().apikey.delete({ where: { id: tokenId } });
  await getDb().setting.upsert({
    where: { key: AUTH_GENERATION_KEY },
    create: { key: AUTH_GENERATION_KEY, value: "elsewhere" },
    update: { value: `elsewhere-${Date.now()}` },
  });
}

const caller: Caller = { userId: "u1", email: "a@b.c", name: "A", isAdmin: false, via: "token" };

describe("the verified-caller cache", () => {
  it("trusts an entry only under its generation, within the TTL and before the credential's own expiry", () => {
    const now = 1_000_000;
    rememberCaller("k", { caller, generation: "g1", verifiedAt: now, expiresAt: now + 5000 });
    assert.equal(trustedCaller("k", "g1", now + 1)?.caller, caller);
    assert.equal(trustedCaller("k", "g2", now + 1), undefined, "a new generation drops it");
    assert.equal(trustedCaller("k", "g1", now + 1), undefined, "and it stays dropped");

    rememberCaller("k", { caller, generation: "g1", verifiedAt: now });
    assert.equal(trustedCaller("k", "g1", now + VERIFIED_CALLER_TTL_MS), undefined, "no older than the TTL");
    rememberCaller("k", { caller, generation: "g1", verifiedAt: now, expiresAt: now + 10 });
    assert.equal(trustedCaller("k", "g1", now + 10), undefined, "never past the session's or token's expiry");
  });

  it("keeps at most MAX_VERIFIED_CALLERS entries, dropping the oldest", () => {
    for (let i = 0; i <= MAX_VERIFIED_CALLERS; i++) rememberCaller(`k${i}`, { caller, generation: "g", verifiedAt: Date.now() });
    assert.equal(verifiedCallerCount(), MAX_VERIFIED_CALLERS);
    assert.equal(trustedCaller("k0", "g"), undefined);
    assert.ok(trustedCaller(`k${MAX_VERIFIED_CALLERS}`, "g"));
  });

  it("keys by a hash, not the credential", () => {
    const key = credentialKey("token", "sr_secret");
    assert.ok(!key.includes("sr_secret"));
    assert.notEqual(key, credentialKey("session", "sr_secret"));
  });
});

describe("the auth generation", () => {
  it("is read from the database at most once per GENERATION_FRESH_MS", async () => {
    const first = await currentAuthGeneration();
    await getDb().setting.upsert({
      where: { key: AUTH_GENERATION_KEY },
      create: { key: AUTH_GENERATION_KEY, value: "changed" },
      update: { value: "changed" },
    });
    assert.equal(await currentAuthGeneration(), first, "a fresh value is reused");
    assert.equal(await currentAuthGeneration(Date.now() + GENERATION_FRESH_MS), "changed", "then read again");
  });
});

describe("callers from API tokens", () => {
  it("writes the token's last use once, not on every request", async () => {
    const { id, token } = await person();
    assert.equal((await callerFromApiToken(token))?.userId, id);
    const row = await getDb().apikey.findFirstOrThrow({ where: { referenceId: id } });
    assert.ok(row.lastRequest, "the first use is recorded");
    for (let i = 0; i < 20; i++) assert.equal((await callerFromApiToken(token))?.userId, id);
    forgetVerifiedCallers();
    assert.equal((await callerFromApiToken(token))?.userId, id, "verified again from the database");
    await sleep(50);
    const after = await getDb().apikey.findFirstOrThrow({ where: { referenceId: id } });
    assert.deepEqual([after.lastRequest, after.updatedAt], [row.lastRequest, row.updatedAt], "no later write");
  });

  it("refuses a made-up token, a disabled key and an expired one", async () => {
    const { id, token } = await person();
    assert.equal(await callerFromApiToken("sr_madeup"), null);
    await getDb().apikey.updateMany({ where: { referenceId: id }, data: { enabled: false } });
    assert.equal(await callerFromApiToken(token), null);
    await getDb().apikey.updateMany({ where: { referenceId: id }, data: { enabled: true, expiresAt: new Date(Date.now() - 1) } });
    assert.equal(await callerFromApiToken(token), null);
  });

  it("stops at once when revoked in this process", async () => {
    const { id, token } = await person();
    assert.ok(await callerFromApiToken(token));
    const [row] = await getDb().apikey.findMany({ where: { referenceId: id } });
    await revokeApiToken(id, row!.id);
    assert.equal(await callerFromApiToken(token), null);
  });

  it("stops within GENERATION_FRESH_MS when revoked by another process", async () => {
    const { id, token } = await person();
    assert.ok(await callerFromApiToken(token));
    const [row] = await getDb().apikey.findMany({ where: { referenceId: id } });
    await revokeElsewhere(row!.id);
    await sleep(GENERATION_FRESH_MS + 50);
    assert.equal(await callerFromApiToken(token), null);
  });

  it("stops when the person is disabled or their password is reset", async () => {
    const disabled = await person();
    assert.ok(await callerFromApiToken(disabled.token));
    await setDisabled(disabled.id, true);
    assert.equal(await callerFromApiToken(disabled.token), null);

    const reset = await person();
    assert.ok(await callerFromApiToken(reset.token));
    await setPassword(reset.email, "another long password");
    assert.equal(await callerFromApiToken(reset.token), null);
  });
});

describe("callers from sessions", () => {
  it("answers without a cookie at once, and the same cookie from memory", async () => {
    assert.equal(await callerFromSession(new Headers()), null);
    assert.equal(await callerFromSession(new Headers({ cookie: "theme=dark" })), null);
    const { id, email } = await person();
    const headers = await sessionHeaders(email);
    assert.equal((await callerFromSession(headers))?.userId, id);
    // Deleted behind the cache's back (no revocation announced): remembered until the TTL at most.
    await getDb().session.deleteMany({ where: { userId: id } });
    assert.equal((await callerFromSession(headers))?.userId, id);
  });

  it("stops at once on sign-out, sign-out everywhere and disabling", async () => {
    const one = await person();
    const headers = await sessionHeaders(one.email);
    assert.ok(await callerFromSession(headers));
    await getAuth().api.signOut({ headers });
    assert.equal(await callerFromSession(headers), null, "signed out through better-auth");

    const two = await person();
    const twoHeaders = await sessionHeaders(two.email);
    assert.ok(await callerFromSession(twoHeaders));
    await signOutEverywhere(two.id);
    assert.equal(await callerFromSession(twoHeaders), null, "signed out everywhere");

    const three = await person();
    const threeHeaders = await sessionHeaders(three.email);
    assert.ok(await callerFromSession(threeHeaders));
    await setDisabled(three.id, true);
    assert.equal(await callerFromSession(threeHeaders), null, "disabled");
  });
});
