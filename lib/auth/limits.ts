import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";

// Counters live in the database (table RateLimiterFlexible), so every process, web or worker, counts together.
const limiters = new Map<string, RateLimiterPrisma>();
function limiter(name: string, points: number, durationSec: number): RateLimiterPrisma {
  const key = `${name}:${points}:${durationSec}`;
  let found = limiters.get(key);
  if (!found) {
    found = new RateLimiterPrisma({
      storeClient: getDb(),
      tableName: "rateLimiterFlexible",
      keyPrefix: name,
      points,
      duration: durationSec,
      clearExpiredByTimeout: false,
    });
    limiters.set(key, found);
  }
  return found;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function tooMany(message: string, msBeforeNext: number): AppError {
  return new AppError("rate_limited", message, { "Retry-After": String(seconds(msBeforeNext)) });
}

async function consume(name: string, points: number, durationSec: number, key: string, explain: (wait: number) => string) {
  try {
    await limiter(name, points, durationSec).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(explain(seconds(error.msBeforeNext)), error.msBeforeNext);
    throw error;
  }
}

export function limitJobCreation(userId: string): Promise<void> {
  const perMinute = getEnv().JOBS_PER_MINUTE;
  return consume("jobs", perMinute, 60, userId, (wait) => `You can start ${perMinute} videos a minute; try again in ${wait} s.`);
}

export function limitRegeneration(userId: string): Promise<void> {
  const perMinute = getEnv().REGENERATIONS_PER_MINUTE;
  return consume(
    "redraws",
    perMinute,
    60,
    userId,
    (wait) => `You can redraw ${perMinute} stills a minute; try again in ${wait} s.`,
  );
}

// Sign-in: failures are counted per account and per address; past the limit the account (or address) is locked.
export const SIGN_IN_LIMITS = {
  perAccount: { failures: 5, windowSec: 15 * 60 },
  perAddress: { failures: 20, windowSec: 15 * 60 },
  /** From this many failures on, each failed answer is slowed down. */
  slowAfter: 3,
} as const;

const accountLimiter = () => limiter("sign-in-account", SIGN_IN_LIMITS.perAccount.failures, SIGN_IN_LIMITS.perAccount.windowSec);
const addressLimiter = () => limiter("sign-in-address", SIGN_IN_LIMITS.perAddress.failures, SIGN_IN_LIMITS.perAddress.windowSec);

/** Refuses an attempt while the account or the address is locked. */
export async function assertSignInAllowed(email: string, address: string): Promise<void> {
  const [account, from] = await Promise.all([accountLimiter().get(email), addressLimiter().get(address)]);
  if (account && account.consumedPoints >= SIGN_IN_LIMITS.perAccount.failures) {
    throw tooMany(
      `Too many failed sign-ins for this account: it is locked for ${Math.ceil(seconds(account.msBeforeNext) / 60)} min.`,
      account.msBeforeNext,
    );
  }
  if (from && from.consumedPoints >= SIGN_IN_LIMITS.perAddress.failures) {
    throw tooMany(
      `Too many failed sign-ins from your address: try again in ${Math.ceil(seconds(from.msBeforeNext) / 60)} min.`,
      from.msBeforeNext,
    );
  }
}

/** Counts a failed attempt; answers how long to hold the failure's answer (slowing a guesser down). */
export async function recordSignInFailure(email: string, address: string): Promise<number> {
  const results = await Promise.all([accountLimiter().penalty(email, 1), addressLimiter().penalty(address, 1)]);
  const failures = Math.max(...results.map((r) => r.consumedPoints));
  return failures >= SIGN_IN_LIMITS.slowAfter ? Math.min((failures - SIGN_IN_LIMITS.slowAfter + 1) * 400, 2000) : 0;
}

export async function recordSignInSuccess(email: string): Promise<void> {
  await accountLimiter().delete(email);
}
