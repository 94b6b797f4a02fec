// `npm run generate -- "a prompt" [--scenes N] [--aspect 9:16] [--style noir] [--seconds N] [--seed N] [--out file.mp4]`
// Runs the whole pipeline, auto-approved, and writes the MP4.
import fsp from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { prepareDatabase } from "@/lib/db/client";
import { defaultOwnerId } from "@/lib/auth/owner-setup";
import { createJob } from "@/lib/jobs/create-job";
import { getJobView } from "@/lib/jobs/queries";
import { createJobSchema } from "@/lib/jobs/schemas";
import { describeZodError } from "@/lib/http/route-handler";
import { createRunner } from "@/lib/queue/start-runner";
import { pathForKey } from "@/lib/storage/file-storage";
import { videoKey } from "@/lib/storage/keys";
import { describeFailure } from "./run-cli";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      scenes: { type: "string" },
      aspect: { type: "string" },
      style: { type: "string" },
      seconds: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
    },
  });
  const parsed = createJobSchema.safeParse({
    prompt: positionals.join(" "),
    sceneCount: values.scenes ? Number(values.scenes) : undefined,
    aspectRatio: values.aspect,
    style: values.style,
    targetSeconds: values.seconds ? Number(values.seconds) : undefined,
    seed: values.seed ? Number(values.seed) : undefined,
    autoApprove: true,
  });
  if (!parsed.success) {
    console.error(`storyreel: ${describeZodError(parsed.error)}`);
    return 2;
  }
  process.env.LOG_LEVEL ??= "silent";
  await prepareDatabase();
  // The owner's job (before the owner's account exists, the placeholder that holds older jobs).
  const ownerId = await defaultOwnerId();
  if (!ownerId) throw new Error("Create the owner's account first (open the app, or npm run user -- create --admin).");
  const job = await createJob(ownerId, parsed.data);
  console.log(`job ${job.id}: ${job.sceneCount} scenes, ${job.aspectRatio}, ${job.style}`);
  const runner = createRunner({ onlyJobId: job.id, concurrency: 1 });
  runner.start();
  let last = "";
  for (;;) {
    const view = await getJobView(ownerId, job.id);
    const line = `${view.stage} ${view.percent}%`;
    if (line !== last) console.log(line);
    last = line;
    if (view.isFinal) {
      await runner.stop();
      if (view.status !== "completed") {
        console.error(`storyreel: ${view.error ?? `the job ended ${view.status}`}`);
        return 1;
      }
      const out = path.resolve(values.out ?? `storyreel-${job.id}.mp4`);
      await fsp.copyFile(pathForKey(videoKey(job.id)), out);
      console.log(`wrote ${out} (${view.durationSec?.toFixed(1)} s)`);
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`storyreel: ${describeFailure(error)}`);
    process.exit(1);
  },
);
