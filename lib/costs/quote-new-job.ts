import type { Backend } from "@/lib/db/generated/enums";
import { getEnv } from "@/lib/env";
import { configuredModelNames, resolveModels, type ModelNames } from "@/lib/providers/replicate/configured-models";
import { estimateJobCost, type CostEstimate } from "./estimate-cost";

export interface JobQuote extends CostEstimate {
  provider: Backend;
  /** The models a job created now would use (null on the local back end). */
  models: ModelNames | null;
}

/** How a job with these settings would be made today and what it would cost: shown by the wizard, kept by the job. */
export function quoteNewJob(input: { sceneCount: number; targetSeconds?: number | null }): JobQuote {
  const provider = getEnv().provider;
  const models = provider === "replicate" ? configuredModelNames() : null;
  return { provider, models, ...estimateJobCost({ ...input, models: models && resolveModels(models) }) };
}
