import { EventEmitter } from "node:events";

// Wakes a long poll in this process the moment its job's row is written (a poll waiting in another process
// finds the change by reading versions: lib/jobs/job-poll-wait.ts). Emitted inside a transaction is fine: a read
// outside it waits for the commit (lib/db/one-connection.ts), so the woken poll sees the new row or, after a
// rollback, the old one.
const globalForSignal = globalThis as unknown as { storyreelJobChangeSignal?: EventEmitter };
const signal = (globalForSignal.storyreelJobChangeSignal ??= new EventEmitter().setMaxListeners(0));

export function notifyJobChanged(jobId: string): void {
  signal.emit(jobId);
}

export function onJobChanged(jobId: string, listener: () => void): () => void {
  signal.on(jobId, listener);
  return () => signal.off(jobId, listener);
}
