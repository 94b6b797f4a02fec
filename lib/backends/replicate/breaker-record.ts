import type { BreakerState } from "@/lib/db/generated/enums";
import { getDb } from "@/lib/db/client";
import { log } from "@/lib/log";
import { isDeadLocalOwner } from "@/lib/util/process-identity";

const SERVICE = "replicate";
// The worst state wins: one process that cannot reach the API means jobs there are waiting.
const SEVERITY: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export interface BreakerReport {
  /** The worst state of any process's breaker; closed when none has seen the API fail. */
  breaker: BreakerState;
  /** When that state began (ISO time), or null. */
  since: string | null;
  processes: { owner: string; state: BreakerState; since: string }[];
}

/**
 * Keeps this process's breaker state in the database, in the order the changes happened, so the web
 * server's health and job pages tell the truth about a worker in another process.
 */
export function breakerRecorder(owner: string): (state: BreakerState) => void {
  let last = Promise.resolve();
  return (state) => {
    const changedAt = new Date();
    last = last
      .then(() =>
        getDb().serviceBreaker.upsert({
          where: { owner },
          create: { owner, service: SERVICE, state, changedAt },
          update: { state, changedAt },
        }),
      )
      .then(() => undefined)
      .catch((error) => log.warn("could not record the circuit breaker's state", { error }));
  };
}

/** A process that stops cleanly takes its row with it; rows of processes on this host that died go at start-up. */
export async function forgetBreaker(owner: string): Promise<void> {
  await getDb().serviceBreaker.deleteMany({ where: { owner } });
}

export async function forgetBreakersOfDeadLocalProcesses(): Promise<void> {
  const rows = await getDb().serviceBreaker.findMany({ select: { owner: true } });
  const dead = rows.map((r) => r.owner).filter(isDeadLocalOwner);
  if (dead.length > 0) await getDb().serviceBreaker.deleteMany({ where: { owner: { in: dead } } });
}

export async function readBreakerReport(): Promise<BreakerReport> {
  const rows = await getDb().serviceBreaker.findMany({ where: { service: SERVICE }, orderBy: { changedAt: "asc" } });
  const worst = rows.reduce<(typeof rows)[number] | null>((a, b) => (!a || SEVERITY[b.state] > SEVERITY[a.state] ? b : a), null);
  return {
    breaker: worst?.state ?? "closed",
    since: worst && worst.state !== "closed" ? worst.changedAt.toISOString() : null,
    processes: rows.map((r) => ({ owner: r.owner, state: r.state, since: r.changedAt.toISOString() })),
  };
}
