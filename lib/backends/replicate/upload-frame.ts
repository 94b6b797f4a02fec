import fsp from "node:fs/promises";
import type { ReplicateRuntime } from "./runtime";

/** An image as a file on Replicate (its Files API), retried like any other call; the caller deletes it after. */
export async function uploadFrame(runtime: ReplicateRuntime, framePath: string, signal: AbortSignal) {
  const bytes = await fsp.readFile(framePath);
  const type = bytes[0] === 0x89 ? "image/png" : "image/jpeg";
  return runtime.resilience.run(
    () => runtime.resilience.guard(() => runtime.api.uploadFile(bytes, type, { purpose: "storyreel still" }), signal),
    { maxRetries: 3, signal },
  );
}
