import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";

/**
 * A value every revocation changes (sign-out, sign-out everywhere, a token revoked, a person disabled, a new
 * password), kept in the database because the web server, workers and the shell share nothing else. A verified
 * caller is remembered in memory only together with the value read before it was verified, and is trusted only
 * while the value is unchanged: a revocation anywhere reaches every process within GENERATION_FRESH_MS.
 */
export const AUTH_GENERATION_KEY = "auth-generation";
export const GENERATION_FRESH_MS = 1000;

interface GenerationState {
  value: string;
  readAt: number;
  reading?: Promise<string>;
  /** Counts this process's own bumps: a read begun before a bump must not put the old value back. */
  bumps: number;
}

const globalForGeneration = globalThis as unknown as { storyreelAuthGeneration?: GenerationState };
const state = (globalForGeneration.storyreelAuthGeneration ??= { value: "", readAt: -Infinity, bumps: 0 });

async function readGeneration(): Promise<string> {
  const row = await getDb().setting.findUnique({ where: { key: AUTH_GENERATION_KEY }, select: { value: true } });
  return row?.value ?? "initial";
}

/** The current value, read from the database at most once per GENERATION_FRESH_MS (concurrent callers share the read). */
export async function currentAuthGeneration(now = Date.now()): Promise<string> {
  if (now - state.readAt < GENERATION_FRESH_MS) return state.value;
  if (state.reading) return state.reading;
  const bumpsBefore = state.bumps;
  const reading = readGeneration()
    .then((value) => {
      if (state.bumps === bumpsBefore) Object.assign(state, { value, readAt: now });
      return state.bumps === bumpsBefore ? value : state.value;
    })
    .finally(() => {
      if (state.reading === reading) state.reading = undefined;
    });
  state.reading = reading;
  return reading;
}

/**
 * Called after a revocation is written (never before: a caller verified in between would be stored under the
 * new value). This process stops trusting what it remembered at once; the others at their next read.
 */
export async function bumpAuthGeneration(): Promise<void> {
  const value = randomUUID();
  await getDb().setting.upsert({
    where: { key: AUTH_GENERATION_KEY },
    create: { key: AUTH_GENERATION_KEY, value },
    update: { value },
  });
  state.bumps++;
  Object.assign(state, { value, readAt: Date.now(), reading: undefined });
}
