import type { Prisma } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db/client";
import { budgetStanding, refusalFor } from "./daily-budget";
import type { JobQuote } from "./quote-new-job";
import { costToFinish } from "./reserve-work";
import { draftCostUsd, PRICED_JOB_FIELDS } from "./work-cost";

/** What the wizard says before its button: whether today's budget holds the storyboard, and the whole video. */
export interface NewJobOutlook {
  /** The storyboard (scene writer and stills) would be refused: the sentence the 402 would carry. */
  refusal: string | null;
  /** The storyboard fits, but its clips would not if approved today: a warning, not a refusal. */
  warning: string | null;
}

export async function outlookForNewJob(
  userId: string,
  quote: JobQuote,
  sceneCount: number,
  now = new Date(),
): Promise<NewJobOutlook> {
  if (quote.totalUsd <= 0) return { refusal: null, warning: null };
  const draft = draftCostUsd({
    backend: quote.backend,
    sceneCount,
    writerModel: quote.models?.writer ?? null,
    stillModel: quote.models?.still ?? null,
    clipModel: quote.models?.clip ?? null,
    clipResolution: quote.clips?.resolution ?? null,
    continuity: quote.clips?.continuity ?? "none",
    voice: null,
    narratorModel: null,
  });
  const standing = await budgetStanding(getDb(), userId, now);
  const refusal = refusalFor(standing, userId, draft, now);
  if (refusal) return { refusal: refusal.message, warning: null };
  const whole = refusalFor(standing, userId, quote.totalUsd, now);
  return {
    refusal: null,
    warning: whole ? `The storyboard fits today's budget; the whole video may not. ${whole.message}` : null,
  };
}

/** What approving this storyboard would hold, and the refusal it would meet today, for the approval screen. */
export interface ApprovalOutlook {
  costUsd: number;
  refusal: string | null;
}

export async function outlookForApproval(
  job: Prisma.JobGetPayload<{ select: typeof PRICED_JOB_FIELDS }> & { id: string; userId: string },
  now = new Date(),
): Promise<ApprovalOutlook> {
  const db = getDb();
  const costUsd = await costToFinish(db, job, "rendering");
  if (costUsd <= 0) return { costUsd, refusal: null };
  const refusal = refusalFor(await budgetStanding(db, job.userId, now), job.userId, costUsd, now);
  return { costUsd, refusal: refusal?.message ?? null };
}
