import fsp from "node:fs/promises";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { RUNNABLE_STATUSES } from "@/lib/jobs/status";
import { readBreakerReport, type BreakerReport } from "@/lib/backends/replicate/breaker-record";
import { getRunningRunner } from "@/lib/queue/start-runner";

export interface Health {
  status: "ok" | "degraded";
  backend: string;
  database: "ok" | "unreachable";
  storage: "ok" | "unwritable";
  worker: { inProcess: boolean; activeJobs: number };
  queue: { waiting: number };
  /** The Replicate circuit breakers of every process (from the database): "open" means calls wait, not fail. */
  replicate: BreakerReport | null;
}

export async function checkHealth(): Promise<Health> {
  const env = getEnv();
  const waiting = await getDb()
    .job.count({ where: { status: { in: [...RUNNABLE_STATUSES] } } })
    .catch(() => null);
  const storage = await fsp
    .access(env.dataDir, fsp.constants.W_OK)
    .then(() => "ok" as const)
    .catch(() => "unwritable" as const);
  const runner = getRunningRunner();
  const database = waiting === null ? "unreachable" : "ok";
  return {
    status: database === "ok" && storage === "ok" ? "ok" : "degraded",
    backend: env.backend,
    database,
    storage,
    worker: { inProcess: Boolean(runner), activeJobs: runner?.activeJobIds.length ?? 0 },
    queue: { waiting: waiting ?? 0 },
    replicate: env.backend === "replicate" ? await readBreakerReport().catch(() => null) : null,
  };
}
