export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  const { prepareDatabase } = await import("./lib/db/client");
  const { assertBackendConfigured } = await import("./lib/backends");
  // Read through the validated configuration, so RUN_WORKER=0 means what it says and a bad value stops start-up.
  const env = getEnv();
  assertBackendConfigured();
  await prepareDatabase();
  // The job runner lives in the Node.js server process unless RUN_WORKER=false (then `npm run worker` runs it).
  if (env.RUN_WORKER) {
    const { startJobRunner } = await import("./lib/queue/start-runner");
    await startJobRunner();
  }
}
