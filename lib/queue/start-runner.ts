import { getDb, prepareDatabase } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ExportRunner } from "@/lib/exports/export-runner";
import { log } from "@/lib/log";
import { getBackend, prepareBackends, releaseBackends } from "@/lib/backends";
import { WebhookSender } from "@/lib/outgoing-webhooks/webhook-sender";
import { JobRunner } from "./job-runner";

const SHUTDOWN_GRACE_MS = 10_000;

// One runner per process, even when Next.js evaluates this module again (dev hot reload).
const globalForRunner = globalThis as unknown as {
  storyreelRunner?: JobRunner;
  storyreelExportRunner?: ExportRunner;
  storyreelWebhookSender?: WebhookSender;
};

export function createRunner(overrides: { onlyJobId?: string; concurrency?: number } = {}): JobRunner {
  const env = getEnv();
  return new JobRunner({
    db: getDb(),
    backend: getBackend,
    concurrency: overrides.concurrency ?? env.WORKER_JOB_CONCURRENCY,
    pollMs: env.WORKER_POLL_MS,
    leaseMs: env.LEASE_SECONDS * 1000,
    onlyJobId: overrides.onlyJobId,
  });
}

export function createExportRunner(): ExportRunner {
  const env = getEnv();
  return new ExportRunner({
    db: getDb(),
    concurrency: env.EXPORT_CONCURRENCY,
    pollMs: env.WORKER_POLL_MS,
    leaseMs: env.LEASE_SECONDS * 1000,
  });
}

export function createWebhookSender(): WebhookSender {
  const env = getEnv();
  return new WebhookSender({
    db: getDb(),
    pollMs: env.WORKER_POLL_MS,
    retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
  });
}

/** The job runner and, beside it, the export runner and the webhook sender: every process that runs jobs does all three. */
export async function startJobRunner(): Promise<JobRunner> {
  if (globalForRunner.storyreelRunner) return globalForRunner.storyreelRunner;
  await prepareDatabase();
  await prepareBackends();
  const runner = createRunner();
  const exportRunner = createExportRunner();
  globalForRunner.storyreelRunner = runner;
  const webhookSender = createWebhookSender();
  globalForRunner.storyreelExportRunner = exportRunner;
  globalForRunner.storyreelWebhookSender = webhookSender;
  runner.start();
  exportRunner.start();
  webhookSender.start();
  log.info("job runner started", { owner: runner.owner, concurrency: getEnv().WORKER_JOB_CONCURRENCY });
  // `npm start`'s server leaves signals to us: running steps are aborted (ffmpeg killed) and leases handed
  // back, so another runner resumes at once. Bounded either way.
  const shutdown = (signal: NodeJS.Signals) => {
    log.info("stopping job runner", { signal });
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    void Promise.all([runner.stop(), exportRunner.stop(), webhookSender.stop()])
      .then(releaseBackends)
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return runner;
}

export function getRunningRunner(): JobRunner | undefined {
  return globalForRunner.storyreelRunner;
}
