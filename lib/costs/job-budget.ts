import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CostEstimate } from "./estimate-cost";

const usd = (value: number) => `$${value.toFixed(2)}`;

/** BUDGET_JOB_MAX_USD: a video estimated to cost more is refused (402) before anything is spent. */
export function assertWithinJobBudget(estimate: CostEstimate): void {
  const max = getEnv().BUDGET_JOB_MAX_USD;
  if (max === undefined || estimate.totalUsd <= max) return;
  throw new AppError(
    "budget_exceeded",
    `This video is estimated at ${usd(estimate.totalUsd)}, over this studio's limit of ${usd(max)} per video: choose fewer scenes, shorter clips or a cheaper model.`,
  );
}
