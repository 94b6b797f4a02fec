import { setTimeout as sleep } from "node:timers/promises";
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
} from "cockatiel";
import type { BreakerState } from "@/lib/db/generated/enums";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/metrics";
import { ReplicateError } from "./replicate-errors";

export interface ResilienceOptions {
  /** First retry delay; each next one is 3x (5 s -> 15 s -> 45 s by default), plus up to 20% jitter. */
  baseDelayMs: number;
  /** Consecutive API failures that open the breaker. */
  breakerThreshold: number;
  /** How long the breaker stays open before one trial call may go through. */
  halfOpenAfterMs: number;
  /** How long work may stay paused behind an open breaker before its job fails. */
  maxPauseMs: number;
  /** Told of every change of the breaker's state (it is recorded where every process can read it). */
  onBreakerChange?: (state: BreakerState) => void;
}

export interface RunOptions {
  maxRetries: number;
  signal: AbortSignal;
  /** Called once when the work starts waiting behind an open breaker (true) and once when it goes on (false). */
  onPause?: (paused: boolean) => Promise<void>;
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half_open",
  [CircuitState.Isolated]: "open",
};

/** `work`, or the signal's reason as soon as it aborts; the listener is removed either way (polls run for minutes). */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

const BREAKER_GAUGE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

// Throttling is waited out by run() itself, never counted as a failed attempt.
const isRetryable = (error: unknown) => error instanceof ReplicateError && error.retryable && error.kind !== "throttled";

/**
 * Retries with backoff, and one circuit breaker shared by every HTTP call this process makes to Replicate.
 * The breaker wraps single requests (guard), never a whole attempt: an attempt makes several requests,
 * and a request nested inside a half-open trial would wait for that trial forever.
 */
export class Resilience {
  private readonly breaker: CircuitBreakerPolicy;

  constructor(private readonly options: ResilienceOptions) {
    this.breaker = circuitBreaker(
      handleWhen((e) => e instanceof ReplicateError && e.apiUnavailable),
      {
        halfOpenAfter: options.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.breakerThreshold),
      },
    );
    this.breaker.onStateChange((state) => {
      log.warn("replicate circuit breaker", { state: STATE_NAMES[state] });
      metrics().breakerState.set({ service: "replicate" }, BREAKER_GAUGE[STATE_NAMES[state]]);
      options.onBreakerChange?.(STATE_NAMES[state]);
    });
  }

  get state(): BreakerState {
    return STATE_NAMES[this.breaker.state];
  }

  /**
   * One HTTP call to Replicate through the breaker; an open breaker refuses it (run() then pauses). Never
   * nest. While Replicate throttles this account every call of this process waits for the limit to reset,
   * so pollers slow down together instead of each spending its retries on more 429s.
   */
  async guard<T>(httpCall: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const wait = this.throttledUntil - Date.now();
    if (wait > 0) await sleep(wait, undefined, { signal });
    try {
      return await this.breaker.execute(httpCall);
    } catch (error) {
      if (error instanceof ReplicateError && error.kind === "throttled") {
        this.throttledUntil = Math.max(this.throttledUntil, Date.now() + (error.retryAfterMs ?? this.options.baseDelayMs * 2));
      }
      throw error;
    }
  }

  /** Until when this process holds back its calls because Replicate said 429 (ms since the epoch). */
  private throttledUntil = 0;

  /** The delay before retry `attempt` (1-based): exponential with jitter, never shorter than Retry-After. */
  delayFor(attempt: number, error: unknown): number {
    const exponential = this.options.baseDelayMs * 3 ** (attempt - 1);
    const jittered = exponential * (1 + Math.random() * 0.2);
    const retryAfter = error instanceof ReplicateError ? (error.retryAfterMs ?? 0) : 0;
    return Math.max(jittered, retryAfter);
  }

  /**
   * Runs `call` with up to `maxRetries` retries on retryable failures. While the breaker is open the
   * work waits (it is not failed) and tries again when the breaker lets a call through.
   */
  async run<T>(call: () => Promise<T>, { maxRetries, signal, onPause }: RunOptions): Promise<T> {
    const policy = retry(handleWhen(isRetryable), {
      maxAttempts: maxRetries,
      backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) =>
        this.delayFor(context.attempt, "error" in context.result ? context.result.error : undefined),
      ),
    });
    policy.onRetry(() => metrics().retries.inc({ service: "replicate" }));
    const pausedSince = Date.now();
    let paused = false;
    const setPaused = async (value: boolean) => {
      if (paused === value) return;
      paused = value;
      await onPause?.(value).catch((error) => log.warn("could not record a pause", { error }));
    };
    for (;;) {
      try {
        // cockatiel's wait between retries does not listen to the signal: race it, and refuse to call once aborted.
        const guarded = () => (signal.throwIfAborted(), call());
        const result = await untilAborted(policy.execute(guarded, signal), signal);
        await setPaused(false);
        return result;
      } catch (error) {
        // Throttled is not down: wait for the limit to reset and go on, without spending a retry.
        const throttled = error instanceof ReplicateError && error.kind === "throttled";
        // Out of retries because the API is down (the breaker says so): that pauses the work too.
        const apiDown = error instanceof ReplicateError && error.apiUnavailable && this.state !== "closed";
        if (!(error instanceof BrokenCircuitError) && !apiDown && !throttled) throw error;
        if (Date.now() - pausedSince > this.options.maxPauseMs) {
          await setPaused(false);
          throw new ReplicateError("server", "Replicate has been unavailable for too long; the work was stopped.", {
            cause: error,
          });
        }
        if (throttled) {
          await sleep(Math.max(this.throttledUntil - Date.now(), this.options.baseDelayMs), undefined, { signal });
          continue;
        }
        await setPaused(true);
        await sleep(this.options.halfOpenAfterMs, undefined, { signal });
      }
    }
  }
}
