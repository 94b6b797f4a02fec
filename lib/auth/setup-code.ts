import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { limiter, tooMany } from "./limits";

/**
 * On a fresh install whoever reaches /setup first becomes the owner. When the server listens beyond this
 * machine, that could be anyone on the network: the server prints a one-time code at start-up, and setup
 * asks for it. The code's hash is a Setting row, so every process (and a restart, which prints a new one)
 * agrees on it.
 */
const SETUP_CODE_KEY = "setup-code";
const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);
// No 0/O or 1/I/L: the code is read off a console and typed in.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const SETUP_CODE_GUESSES = { perAddress: 10, windowSec: 15 * 60 } as const;

export const listensBeyondLoopback = (host: string) => !LOOPBACK.has(host.trim().toLowerCase());

/**
 * Others can reach the server: it listens beyond loopback, or sits behind a proxy on this machine (a proxy is
 * trusted, it has a public address, or it answers to other host names), where HOST stays 127.0.0.1.
 */
export function setupCodeRequired(): boolean {
  const env = getEnv();
  const publicHost = env.PUBLIC_BASE_URL ? new URL(env.PUBLIC_BASE_URL).hostname : "localhost";
  return listensBeyondLoopback(env.HOST) || env.TRUST_PROXY || listensBeyondLoopback(publicHost) || env.ALLOWED_HOSTS.length > 0;
}

// Dashes, spaces and case are how a person copies it, not part of it.
const digest = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest();

/** A new code (about 59 bits: three groups of four), replacing any earlier one (only the latest works); the caller prints it. */
export async function issueSetupCode(): Promise<string> {
  const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""));
  const code = groups.join("-");
  const value = digest(code).toString("hex");
  await getDb().setting.upsert({ where: { key: SETUP_CODE_KEY }, create: { key: SETUP_CODE_KEY, value }, update: { value } });
  return code;
}

/** Refuses (403) a missing or wrong code when one is required; each guess counts against the address (429). */
export async function assertSetupCode(given: string | undefined, address: string): Promise<void> {
  if (!setupCodeRequired()) return;
  try {
    await limiter("setup-code", SETUP_CODE_GUESSES.perAddress, SETUP_CODE_GUESSES.windowSec).consume(address);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
    throw tooMany(`Too many setup codes tried from your address: try again in ${minutes} min.`, error.msBeforeNext);
  }
  const stored = await getDb().setting.findUnique({ where: { key: SETUP_CODE_KEY } });
  const expected = stored ? Buffer.from(stored.value, "hex") : null;
  const matches = expected !== null && expected.length === 32 && timingSafeEqual(digest(given ?? ""), expected);
  if (!given || !matches) {
    throw new AppError(
      "forbidden",
      given
        ? "That setup code is not right: copy it from the server's console, where it was printed when the server started."
        : "Give the setup code: the server printed it in its console when it started.",
    );
  }
}

/** Used once: the owner exists, and the code opens nothing any more. */
export async function forgetSetupCode(): Promise<void> {
  await getDb().setting.deleteMany({ where: { key: SETUP_CODE_KEY } });
}
