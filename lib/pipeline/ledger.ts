import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";

export interface GenerationStart {
  jobId: string;
  sceneId?: string;
  kind: "scenes" | "still" | "clip" | "stitch";
  backend: string;
  model: string;
  input: unknown;
}

export const hashInput = (input: unknown) => createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 32);

/** Recorded before the call is awaited, so a crash leaves a trace of what was in flight. */
export async function startGeneration(db: Db, start: GenerationStart): Promise<{ id: string; startedAt: Date }> {
  return db.generation.create({
    data: {
      jobId: start.jobId,
      sceneId: start.sceneId ?? null,
      kind: start.kind,
      backend: start.backend,
      model: start.model,
      inputHash: hashInput(start.input),
      status: "running",
    },
    select: { id: true, startedAt: true },
  });
}

export async function finishGeneration(
  db: Db,
  generation: { id: string; startedAt: Date },
  outcome: { status: "succeeded" | "failed" | "canceled"; outputKey?: string; error?: string; costUsd?: number },
): Promise<void> {
  const finishedAt = new Date();
  await db.generation.update({
    where: { id: generation.id },
    data: {
      status: outcome.status,
      outputKey: outcome.outputKey ?? null,
      error: outcome.error?.slice(0, 2000) ?? null,
      costUsd: outcome.costUsd ?? 0,
      finishedAt,
      durationMs: finishedAt.getTime() - generation.startedAt.getTime(),
    },
  });
}

/** Runs one generation call between its ledger rows. */
export async function withLedger<T>(db: Db, start: GenerationStart, run: () => Promise<T>, outputKey?: string): Promise<T> {
  const generation = await startGeneration(db, start);
  try {
    const result = await run();
    await finishGeneration(db, generation, { status: "succeeded", outputKey });
    return result;
  } catch (error) {
    const aborted = error instanceof Error && error.name === "AbortError";
    await finishGeneration(db, generation, { status: aborted ? "canceled" : "failed", error: String(error) });
    throw error;
  }
}
