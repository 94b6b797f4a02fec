import { EventEmitter } from "node:events";

// A verified webhook wakes the poller of its prediction at once; polling stays the fallback (another
// process's runner, or a webhook that never comes).
const globalForEvents = globalThis as unknown as { storyreelPredictionEvents?: EventEmitter };
const events = (globalForEvents.storyreelPredictionEvents ??= new EventEmitter().setMaxListeners(0));

export function notifyPredictionUpdated(predictionId: string): void {
  events.emit(predictionId);
}

/** Sleeps `ms`, or less if a webhook says this prediction changed; rejects when the signal aborts. */
export function waitForPredictionUpdate(predictionId: string, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      clearTimeout(timer);
      events.off(predictionId, done);
      signal.removeEventListener("abort", aborted);
      resolve();
    };
    const aborted = () => {
      done();
      reject(signal.reason);
    };
    const timer = setTimeout(done, ms);
    events.once(predictionId, done);
    signal.addEventListener("abort", aborted, { once: true });
  });
}
