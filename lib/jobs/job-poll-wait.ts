import { getDb } from "@/lib/db/client";
import { log } from "@/lib/log";
import { onJobChanged } from "./job-change-signal";
import { getJobEtag } from "./queries";
import { LONG_POLL_MAX_SECONDS } from "./schemas";

/**
 * The long poll behind `GET /api/jobs/:id?wait=N` with If-None-Match: the answer waits until the job's ETag
 * changes, or N seconds pass, or the client goes away. A change made in this process wakes the wait at once
 * (lib/jobs/job-change-signal.ts); one made by another process (`npm run worker`) is found by one read of the
 * waited jobs' versions every VERSION_CHECK_MS, shared by every wait in the process.
 */
export const LONG_POLL_LIMITS = { perProcess: 1000, perPerson: 10 } as const;
export const VERSION_CHECK_MS = 400;
// Where the ETag follows other rows too (a place in line, the day's budget), it is recomputed this often.
const OTHER_ROWS_CHECK_MS = 2000;
const FOLLOWS_OTHER_ROWS = new Set(["queued", "awaiting_approval"]);

interface Waiter {
  jobId: string;
  /** The version the shared read last saw; unset until its first read, which always wakes the wait once. */
  version?: number;
  checkedAt: number;
  wake: () => void;
}

interface WaitState {
  waiters: Set<Waiter>;
  perPerson: Map<string, number>;
  timer?: NodeJS.Timeout;
}

const globalForWaits = globalThis as unknown as { storyreelJobWaits?: WaitState };
const state: WaitState = (globalForWaits.storyreelJobWaits ??= { waiters: new Set(), perPerson: new Map() });

export const waitingPolls = () => state.waiters.size;

/**
 * Resolves with the job's ETag once it differs from `etag`, or with `etag` itself after `seconds`, when the
 * request is aborted, or at once when the bounds are reached (the client then polls at its own pace).
 */
export async function waitForJobChange(input: {
  userId: string;
  jobId: string;
  etag: string;
  seconds: number;
  signal?: AbortSignal;
}): Promise<string> {
  const { userId, jobId, etag, signal } = input;
  const held = state.perPerson.get(userId) ?? 0;
  if (state.waiters.size >= LONG_POLL_LIMITS.perProcess || held >= LONG_POLL_LIMITS.perPerson) return etag;
  state.perPerson.set(userId, held + 1);
  const waiter: Waiter = { jobId, checkedAt: Date.now(), wake: () => {} };
  state.waiters.add(waiter);
  scheduleVersionCheck();
  try {
    const deadline = Date.now() + Math.min(input.seconds, LONG_POLL_MAX_SECONDS) * 1000;
    for (;;) {
      if (!(await woken(waiter, deadline - Date.now(), signal))) return etag;
      const now = await getJobEtag(userId, jobId, { afterOpenWrites: true });
      if (now !== etag) return now;
    }
  } finally {
    state.waiters.delete(waiter);
    const left = (state.perPerson.get(userId) ?? 1) - 1;
    if (left > 0) state.perPerson.set(userId, left);
    else state.perPerson.delete(userId);
  }
}

/** True when something may have changed; false when the time is up or the client went away. */
function woken(waiter: Waiter, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (changed: boolean) => {
      clearTimeout(timer);
      stopListening();
      signal?.removeEventListener("abort", aborted);
      waiter.wake = () => {};
      waiter.checkedAt = Date.now();
      resolve(changed);
    };
    const aborted = () => done(false);
    const timer = setTimeout(() => done(false), ms);
    const stopListening = onJobChanged(waiter.jobId, () => done(true));
    signal?.addEventListener("abort", aborted, { once: true });
    waiter.wake = () => done(true);
  });
}

function scheduleVersionCheck(): void {
  if (state.timer || state.waiters.size === 0) return;
  state.timer = setTimeout(() => {
    checkVersions()
      .catch((error: unknown) => log.warn("long poll: could not read the waited jobs' versions", { error }))
      .finally(() => {
        state.timer = undefined;
        scheduleVersionCheck();
      });
  }, VERSION_CHECK_MS);
  state.timer.unref();
}

async function checkVersions(): Promise<void> {
  const waiters = [...state.waiters];
  const ids = [...new Set(waiters.map((w) => w.jobId))];
  if (ids.length === 0) return;
  const rows = await getDb().job.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, status: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = Date.now();
  for (const waiter of waiters) {
    const row = byId.get(waiter.jobId);
    const moved = !row || row.version !== waiter.version;
    if (row) waiter.version = row.version;
    if (moved || (FOLLOWS_OTHER_ROWS.has(row.status) && now - waiter.checkedAt >= OTHER_ROWS_CHECK_MS)) waiter.wake();
  }
}
