// `npm run worker`: the same job runner as the web server's, in its own process.
import { startJobRunner } from "@/lib/queue/start-runner";
import { describeFailure } from "./run-cli";

startJobRunner().catch((error: unknown) => {
  console.error(`storyreel: ${describeFailure(error)}`);
  process.exit(1);
});
