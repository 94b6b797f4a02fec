export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("./lib/db/client");
  await prepareDatabase();
  // The job runner lives in the Node.js server process unless RUN_WORKER=false (then `npm run worker` runs it).
  if (process.env.RUN_WORKER !== "false") {
    const { startJobRunner } = await import("./lib/queue/start-runner");
    await startJobRunner();
  }
}
