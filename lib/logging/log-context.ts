import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written inside a request or a job's work carries without being told. */
export interface LogContext {
  requestId?: string;
  jobId?: string;
  exportId?: string;
}

// Next.js loads its own copy of lib/ beside the one the Node server runs: one store for both, on globalThis.
const globalForContext = globalThis as unknown as { storyreelLogContext?: AsyncLocalStorage<LogContext> };
const storage = (globalForContext.storyreelLogContext ??= new AsyncLocalStorage<LogContext>());

/** Runs `work` (and everything it starts, timers and promises alike) with `context` on every line it logs. */
export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

/** Runs `work` with nothing inherited: a runner woken by a request must not stamp that request on its jobs. */
export function runOutsideLogContext<T>(work: () => T): T {
  return storage.exit(work);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
