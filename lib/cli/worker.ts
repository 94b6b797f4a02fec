// `npm run worker`: the same job runner as the web server's, in its own process.
import { startJobRunner } from "@/lib/queue/start-runner";

startJobRunner().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
