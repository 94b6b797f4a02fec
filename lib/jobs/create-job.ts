import { randomInt } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { notifyWorkAvailable } from "@/lib/queue/work-signal";
import { getJobView } from "./queries";
import type { CreateJobInput } from "./schemas";
import type { JobView } from "./job-view";

/** Writes a queued job and returns at once; the runner does the work. */
export async function createJob(clientId: string, input: CreateJobInput): Promise<JobView> {
  const job = await getDb().job.create({
    data: {
      clientId,
      prompt: input.prompt,
      style: input.style,
      aspectRatio: input.aspectRatio,
      sceneCount: input.sceneCount,
      targetSeconds: input.targetSeconds ?? null,
      seed: input.seed ?? randomInt(0, 2 ** 31 - 1),
      autoApprove: input.autoApprove,
      provider: getEnv().provider,
    },
    select: { id: true },
  });
  notifyWorkAvailable();
  return getJobView(clientId, job.id);
}
