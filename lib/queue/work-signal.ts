import { EventEmitter } from "node:events";

// Lets a request wake an in-process runner at once instead of waiting for its next poll.
// Another process (npm run worker) still finds the work by polling.
const globalForSignal = globalThis as unknown as { storyreelWorkSignal?: EventEmitter };
const signal = (globalForSignal.storyreelWorkSignal ??= new EventEmitter());

export function notifyWorkAvailable(): void {
  signal.emit("work");
}

export function onWorkAvailable(listener: () => void): () => void {
  signal.on("work", listener);
  return () => signal.off("work", listener);
}
