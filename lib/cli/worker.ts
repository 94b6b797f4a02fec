// `npm run worker`: the same job runner as the web server's, in its own process, with its metrics on
// WORKER_METRICS_PORT when set.
import { getEnv } from "@/lib/env";
import { serveWorkerMetrics } from "@/lib/metrics/metrics-server";
import { startJobRunner } from "@/lib/queue/start-runner";
import { describeFailure } from "./run-cli";

async function main(): Promise<void> {
  const env = getEnv();
  // First, so a port that is taken stops the worker before it claims any job.
  if (env.WORKER_METRICS_PORT !== undefined) {
    const server = await serveWorkerMetrics(env.WORKER_METRICS_PORT, env.HOST, env.METRICS_TOKEN !== undefined);
    server.unref();
  }
  await startJobRunner();
}

main().catch((error: unknown) => {
  console.error(`storyreel: ${describeFailure(error)}`);
  process.exit(1);
});
