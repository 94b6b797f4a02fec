import { createHash } from "node:crypto";
import type { Caller } from "./caller-type";

/**
 * Callers this process has verified recently (a session cookie or an API token), so a poll does not pay for
 * better-auth's session lookup or a token's hash lookup every time. An entry is trusted only while the auth
 * generation it was verified under is still current (every revocation changes it), for at most
 * VERIFIED_CALLER_TTL_MS (for what no revocation announces, such as a row edited by hand), and never past the
 * session's or token's own expiry. Keys are hashes: the credentials themselves are not kept.
 */
export const VERIFIED_CALLER_TTL_MS = 10_000;
export const MAX_VERIFIED_CALLERS = 5000;

export interface VerifiedCaller {
  caller: Caller;
  generation: string;
  verifiedAt: number;
  /** When the session or token itself ends (ms since the epoch), if it does. */
  expiresAt?: number;
  /** A token's id, and when its last use was recorded (ms): recorded at most once a minute. */
  tokenId?: string;
  lastUseRecordedAt?: number;
}

const globalForCallers = globalThis as unknown as { storyreelVerifiedCallers?: Map<string, VerifiedCaller> };
const entries = (globalForCallers.storyreelVerifiedCallers ??= new Map());

export const credentialKey = (kind: "session" | "token", secret: string) =>
  `${kind}:${createHash("sha256").update(secret).digest("base64url")}`;

/** The remembered entry, if it may still be trusted under `generation` at `now`; a stale one is dropped. */
export function trustedCaller(key: string, generation: string, now = Date.now()): VerifiedCaller | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  const fresh =
    entry.generation === generation &&
    now - entry.verifiedAt < VERIFIED_CALLER_TTL_MS &&
    (entry.expiresAt === undefined || now < entry.expiresAt);
  if (fresh) return entry;
  entries.delete(key);
  return undefined;
}

export function rememberCaller(key: string, entry: VerifiedCaller): void {
  entries.delete(key);
  // Oldest first (a Map keeps insertion order): a flood of distinct credentials cannot grow memory without end.
  while (entries.size >= MAX_VERIFIED_CALLERS) entries.delete(entries.keys().next().value!);
  entries.set(key, entry);
}

/** For tests, and for a process that wants to forget everything at once. */
export function forgetVerifiedCallers(): void {
  entries.clear();
}

export const verifiedCallerCount = () => entries.size;
