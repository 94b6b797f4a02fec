import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";

// Counters live in the database (table RateLimiterFlexible), so every process, web or worker, counts together.
const limiters = new Map<string, RateLimiterPrisma>();
export function limiter(name: string, points: number, durationSec: number): RateLimiterPrisma {
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
