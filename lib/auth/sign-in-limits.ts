import { RateLimiterRes } from "rate-limiter-flexible";
import { limiter, tooMany } from "./limits";

// Sign-in: tries are counted per account and per address; past the limit the account (or address) is locked.
export const SIGN_IN_LIMITS = {
  perAccount: { failures: 5, windowSec: 15 * 60 },
  perAddress: { failures: 20, windowSec: 15 * 60 },
  /** From this many failures on, each failed answer is slowed down. */
  slowAfter: 3,
} as const;

const accountLimiter = () => limiter("sign-in-account", SIGN_IN_LIMITS.perAccount.failures, SIGN_IN_LIMITS.perAccount.windowSec);
const addressLimiter = () => limiter("sign-in-address", SIGN_IN_LIMITS.perAddress.failures, SIGN_IN_LIMITS.perAddress.windowSec);
const minutes = (ms: number) => Math.ceil(Math.max(1, Math.ceil(ms / 1000)) / 60);

/** One try taken from the account's and the address's allowance, before the password is looked at. */
export interface SignInAttempt {
  email: string;
  address: string;
  /** The most tries either counter has seen in its window, this one included. */
  taken: number;
}

/**
 * Takes the try first, in one increment in the database, so that N requests sent at once get exactly the N
 * tries they would get one after another: checking the count and adding failures afterwards let a burst of
 * guesses all reach the password check before the first failure was written.
 */
export async function takeSignInAttempt(email: string, address: string): Promise<SignInAttempt> {
  let account: RateLimiterRes;
  try {
    account = await accountLimiter().consume(email);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    throw tooMany(
      `Too many failed sign-ins for this account: it is locked for ${minutes(error.msBeforeNext)} min.`,
      error.msBeforeNext,
    );
  }
  try {
    const from = await addressLimiter().consume(address);
    return { email, address, taken: Math.max(account.consumedPoints, from.consumedPoints) };
  } catch (error) {
    // This try never happened for the account: the address was refused first.
    await accountLimiter().reward(email, 1);
    if (!(error instanceof RateLimiterRes)) throw error;
    throw tooMany(
      `Too many failed sign-ins from your address: try again in ${minutes(error.msBeforeNext)} min.`,
      error.msBeforeNext,
    );
  }
}

/** How long to hold a failure's answer: from the third failure on, longer each time (a guesser slows down). */
export function failureDelayMs(attempt: SignInAttempt): number {
  const over = attempt.taken - SIGN_IN_LIMITS.slowAfter + 1;
  return over > 0 ? Math.min(over * 400, 2000) : 0;
}

/** The right password: the account's count starts again, and the address gets its try back. */
export async function settleSignInSuccess(attempt: SignInAttempt): Promise<void> {
  await Promise.all([accountLimiter().delete(attempt.email), addressLimiter().reward(attempt.address, 1)]);
}

/** Neither right nor wrong (a malformed request, a disabled account): no password was judged, so no try is spent. */
export async function giveBackSignInAttempt(attempt: SignInAttempt): Promise<void> {
  await Promise.all([accountLimiter().reward(attempt.email, 1), addressLimiter().reward(attempt.address, 1)]);
}
