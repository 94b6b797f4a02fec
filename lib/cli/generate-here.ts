import fsp from "node:fs/promises";
import path from "node:path";
import { prepareDatabase } from "@/lib/db/client";
import { defaultOwnerId } from "@/lib/auth/owner-setup";
import { createJob } from "@/lib/jobs/create-job";
import { getJobView } from "@/lib/jobs/queries";
import type { CreateJobInput } from "@/lib/jobs/schemas";
import { createRunner } from "@/lib/queue/start-runner";
import { pathForKey } from "@/lib/storage/file-storage";
import { videoKey } from "@/lib/storage/keys";

/** The whole pipeline in this process, auto-approved, for the owner; the MP4 is copied to `outFile`. */
export async function generateHere(input: CreateJobInput, outFile: string | undefined): Promise<number> {
  await prepareDatabase();
  // The owner's job (before the owner's account exists, the placeholder that holds older jobs).
  const ownerId = await defaultOwnerId();
  if (!ownerId) throw new Error("Create the owner's account first (open the app, or npm run user -- create --admin).");
  const job = await createJob(ownerId, input);
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
      const out = path.resolve(outFile ?? `storyreel-${job.id}.mp4`);
      await fsp.copyFile(pathForKey(videoKey(job.id)), out);
      console.log(`wrote ${out} (${view.durationSec?.toFixed(1)} s)`);
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
