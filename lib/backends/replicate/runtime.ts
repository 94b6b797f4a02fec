import { getEnv } from "@/lib/env";
import { newOwnerId } from "@/lib/util/process-identity";
import { breakerRecorder, forgetBreaker } from "./breaker-record";
import type { DownloadOptions } from "./download-output";
import { parseOutputHosts } from "./output-hosts";
import { ReplicateApi } from "./replicate-api";
import { Resilience } from "./resilience";

/** Everything a Replicate call needs, built once per process from the validated environment. */
export interface ReplicateRuntime {
  api: ReplicateApi;
  resilience: Resilience;
  deadlines: { parsingSec: number; stillSec: number; clipSec: number };
  /** Overrides every model's poll interval (tests); normally each model's own. */
  pollMs?: number;
  /** Where outputs may be downloaded from and how much of one is read. */
  download: DownloadOptions;
  /** Who this process is in the breaker table. */
  owner: string;
}

const globalForRuntime = globalThis as unknown as { storyreelReplicate?: ReplicateRuntime };

export function getReplicateRuntime(): ReplicateRuntime {
  if (globalForRuntime.storyreelReplicate) return globalForRuntime.storyreelReplicate;
  const env = getEnv();
  if (!env.REPLICATE_API_TOKEN) {
    throw new Error("GENERATION_BACKEND=replicate needs REPLICATE_API_TOKEN (an API token from replicate.com/account).");
  }
  const baseDelayMs = env.REPLICATE_RETRY_BASE_MS;
  const owner = newOwnerId();
  globalForRuntime.storyreelReplicate = {
    owner,
    api: new ReplicateApi({
      token: env.REPLICATE_API_TOKEN,
      baseUrl: env.REPLICATE_API_BASE_URL,
      requestTimeoutMs: env.REPLICATE_REQUEST_TIMEOUT_MS,
      webhookUrl:
        env.PUBLIC_BASE_URL && env.REPLICATE_WEBHOOK_SECRET
          ? `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/api/webhooks/replicate`
          : undefined,
    }),
    resilience: new Resilience({
      baseDelayMs,
      breakerThreshold: 3,
      halfOpenAfterMs: Math.max(baseDelayMs * 6, 50),
      maxPauseMs: env.REPLICATE_MAX_PAUSE_MS,
      onBreakerChange: breakerRecorder(owner),
    }),
    deadlines: { parsingSec: 30, stillSec: 120, clipSec: 600 },
    pollMs: env.REPLICATE_POLL_MS,
    download: {
      hosts: parseOutputHosts(env.REPLICATE_OUTPUT_HOSTS),
      maxBytes: env.REPLICATE_OUTPUT_MAX_MB * 1024 * 1024,
      timeoutMs: env.REPLICATE_REQUEST_TIMEOUT_MS,
    },
  };
  return globalForRuntime.storyreelReplicate;
}

/** On shutdown: this process's breaker no longer speaks for anything. */
export async function forgetReplicateRuntime(): Promise<void> {
  const runtime = globalForRuntime.storyreelReplicate;
  if (runtime) await forgetBreaker(runtime.owner).catch(() => undefined);
}
