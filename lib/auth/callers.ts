import { defaultKeyHasher } from "@better-auth/api-key";
import { getDb } from "@/lib/db/client";
import { log } from "@/lib/log";
import { getAuth } from "./auth";
import { currentAuthGeneration } from "./auth-generation";
import type { Caller } from "./caller-type";
import { credentialKey, rememberCaller, trustedCaller, type VerifiedCaller } from "./verified-callers";

export type { Caller };

/** A token's last use (shown on the Account page) is written at most this often, never on every request. */
export const TOKEN_USE_RECORD_MS = 60_000;

const isDisabled = (user: { banned?: boolean | null }) => user.banned === true;
const asCaller = (user: { id: string; email: string; name: string; role?: string | null }, via: Caller["via"]): Caller => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  isAdmin: user.role === "admin",
  via,
});

/**
 * Keyed by the whole Cookie header, which is all better-auth's session lookup reads: the same header always
 * meant the same person when it was verified, whatever else the header carries.
 */
export async function callerFromSession(headers: Headers): Promise<Caller | null> {
  const cookies = headers.get("cookie");
  if (!cookies?.includes("session_token")) return null;
  const key = credentialKey("session", cookies);
  const generation = await currentAuthGeneration();
  const known = trustedCaller(key, generation);
  if (known) return known.caller;
  const session = await getAuth().api.getSession({ headers });
  if (!session || isDisabled(session.user)) return null;
  const caller = asCaller(session.user as Parameters<typeof asCaller>[0], "session");
  rememberCaller(key, { caller, generation, verifiedAt: Date.now(), expiresAt: new Date(session.session.expiresAt).getTime() });
  return caller;
}

/**
 * Looks the token up by its hash as better-auth's api-key plugin stores it, without the plugin's verify
 * endpoint, which writes the row twice on every request (last use and updatedAt).
 */
export async function callerFromApiToken(token: string): Promise<Caller | null> {
  const key = credentialKey("token", token);
  const generation = await currentAuthGeneration();
  const now = Date.now();
  const known = trustedCaller(key, generation, now);
  if (known) {
    recordTokenUse(known, now);
    return known.caller;
  }
  const row = await getDb().apikey.findFirst({ where: { key: await defaultKeyHasher(token) }, include: { user: true } });
  if (!row || !tokenUsable(row, now) || isDisabled(row.user)) return null;
  const entry: VerifiedCaller = {
    caller: asCaller(row.user, "token"),
    generation,
    verifiedAt: now,
    expiresAt: row.expiresAt?.getTime(),
    tokenId: row.id,
    lastUseRecordedAt: row.lastRequest?.getTime() ?? -Infinity,
  };
  rememberCaller(key, entry);
  recordTokenUse(entry, now);
  return entry.caller;
}

/** What the plugin's own check refuses: a disabled key, an expired one, one whose uses ran out. */
function tokenUsable(row: { enabled: boolean | null; expiresAt: Date | null; remaining: number | null }, now: number) {
  return row.enabled !== false && (!row.expiresAt || row.expiresAt.getTime() > now) && row.remaining !== 0;
}

/**
 * At most once a minute per token and process, and only when the stored time is older than that (so several
 * processes do not all write it): a poll must not queue behind a write.
 */
function recordTokenUse(entry: VerifiedCaller, now: number): void {
  if (!entry.tokenId || now - (entry.lastUseRecordedAt ?? -Infinity) < TOKEN_USE_RECORD_MS) return;
  entry.lastUseRecordedAt = now;
  const stale = new Date(now - TOKEN_USE_RECORD_MS);
  getDb()
    .apikey.updateMany({
      where: { id: entry.tokenId, OR: [{ lastRequest: null }, { lastRequest: { lt: stale } }] },
      data: { lastRequest: new Date(now) },
    })
    .catch((error: unknown) => log.warn("could not record a token's last use", { error }));
}
