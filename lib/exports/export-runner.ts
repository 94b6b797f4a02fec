import fsp from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { onWorkAvailable } from "@/lib/queue/work-signal";
import { runOutsideLogContext, runWithLogContext } from "@/lib/logging/log-context";
import { commitTemp, createTempPath, discardTemp, pathForKey, removeKey } from "@/lib/storage/file-storage";
import { exportKey } from "@/lib/storage/keys";
import { newOwnerId } from "@/lib/util/process-identity";
import { readFinishedVersion } from "@/lib/versions/version-scenes";
import {
  claimExport,
  findClaimableExportIds,
  findLostExportLeases,
  releaseExportLease,
  releaseExportLeasesOfDeadLocalRunners,
  renewExportLease,
} from "./export-lease";
import { queueExportEvent } from "@/lib/outgoing-webhooks/queue-webhook-event";
import { parseStoredSpec } from "./export-spec";
import { exportLabel, FORMAT_FILES } from "./export-vocabulary";
import { renderExport } from "./render-export";

export interface ExportRunnerOptions {
  db: Db;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  /** How often progress is written to the row at most. */
  progressEveryMs?: number;
}

class ExportLostError extends Error {
  constructor() {
    super("The export was deleted or taken over by another runner.");
  }
}

/** Half-written files of one export that a killed runner left (temp files and staged previews, never renamed). */
async function discardPartialExportFiles(jobId: string, exportId: string): Promise<string[]> {
  const dir = path.dirname(pathForKey(exportKey(jobId, exportId, "part")));
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const partial = names.filter((n) => n.startsWith(`${exportId}.`) && n.includes(".part"));
  await Promise.all(partial.map((n) => fsp.rm(path.join(dir, n), { force: true })));
  return partial;
}

/** Claims queued exports with a lease and renders each one, a bounded number at once, beside the job runner. */
export class ExportRunner {
  readonly owner = newOwnerId();
  private readonly running = new Map<string, { token: string; abort: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = true;
  private ticking = false;

  constructor(private readonly options: ExportRunnerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onWorkAvailable(() => void runOutsideLogContext(() => this.tick()));
    this.timer = setInterval(() => void this.tick(), this.options.pollMs);
    void releaseExportLeasesOfDeadLocalRunners(this.options.db)
      .then((ids) => ids.length > 0 && log.info("requeued exports of a runner that died", { exportIds: ids }))
      .catch((error) => log.error("could not release dead runners' export leases", { error }))
      .finally(() => void this.tick());
  }

  /** Stops claiming, stops running renders and queues them again for whichever runner is next. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    for (const { abort } of this.running.values()) abort.abort(new Error("Runner stopping"));
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  get activeExportIds(): string[] {
    return [...this.running.keys()];
  }

  async tick(): Promise<void> {
    if (this.stopped || this.ticking) return;
    this.ticking = true;
    const { db, concurrency, leaseMs } = this.options;
    try {
      const held = new Map([...this.running].map(([id, r]) => [id, r.token]));
      for (const id of await findLostExportLeases(db, held)) this.running.get(id)?.abort.abort(new ExportLostError());
      const free = concurrency - this.running.size;
      if (free <= 0) return;
      for (const id of await findClaimableExportIds(db, free, this.activeExportIds)) {
        const token = await claimExport(db, id, this.owner, leaseMs);
        if (!token) continue;
        if (this.stopped) {
          await releaseExportLease(db, id, token);
          continue;
        }
        const abort = new AbortController();
        const done = runWithLogContext({ exportId: id }, () => this.runExport(id, token, abort.signal)).finally(() => {
          this.running.delete(id);
          void this.tick();
        });
        this.running.set(id, { token, abort, done });
      }
    } catch (error) {
      log.error("export runner tick failed", { error });
    } finally {
      this.ticking = false;
    }
  }

  private async runExport(exportId: string, token: string, signal: AbortSignal): Promise<void> {
    const { db, leaseMs } = this.options;
    const mine = { id: exportId, leaseToken: token };
    const heartbeat = setInterval(
      () => {
        renewExportLease(db, exportId, token, leaseMs)
          .then((held) => held || this.running.get(exportId)?.abort.abort(new ExportLostError()))
          .catch((error) => log.warn("export lease renewal failed", { exportId, error }));
      },
      Math.max(250, Math.floor(leaseMs / 3)),
    );
    let temp: string | null = null;
    try {
      const row = await db.export.findFirst({ where: mine });
      if (!row) return;
      const discarded = await discardPartialExportFiles(row.jobId, row.id);
      if (discarded.length > 0) log.info("removed an interrupted export's files", { exportId, discarded });
      const version = await readFinishedVersion(db, row.jobId, row.versionNumber);
      if (!version) throw new Error(`Version ${row.versionNumber} is no longer there to export.`);
      const spec = parseStoredSpec(row.spec);
      const key = exportKey(row.jobId, row.id, FORMAT_FILES[spec.format].ext);
      temp = await createTempPath(key);
      await renderExport({ version, spec, outPath: temp, onProgress: this.progressWriter(mine), signal });
      if (signal.aborted) throw signal.reason;
      // Not a path the build can follow: without the comment Turbopack traces the whole project into standalone.
      const { size } = await fsp.stat(/*turbopackIgnore: true*/ temp);
      await commitTemp(temp, key);
      temp = null;
      const finished = await db.$transaction(async (tx) => {
        const done = await tx.export.updateMany({
          where: mine,
          data: {
            status: "completed",
            progress: 1,
            key,
            bytes: size,
            completedAt: new Date(),
            leaseOwner: null,
            leaseToken: null,
            leaseExpiresAt: null,
          },
        });
        if (done.count === 1) await queueExportEvent(tx, exportId, exportLabel(spec));
        return done;
      });
      // Deleted while it was being made: nothing may keep its file.
      if (finished.count === 0) await removeKey(key);
      else log.info("export finished", { exportId, jobId: row.jobId, bytes: size });
    } catch (error) {
      if (signal.aborted) return;
      log.error("export failed", { exportId, error });
      await db.export.updateMany({
        where: mine,
        data: {
          status: "failed",
          bytes: 0,
          error: "Making this export failed. Ask for it again to retry.",
          leaseOwner: null,
          leaseToken: null,
          leaseExpiresAt: null,
        },
      });
    } finally {
      clearInterval(heartbeat);
      if (temp) await discardTemp(temp);
      await releaseExportLease(db, exportId, token).catch(() => undefined);
    }
  }

  /** Writes progress to the row at most once per interval (and only forward), fenced by the lease. */
  private progressWriter(mine: { id: string; leaseToken: string }): (fraction: number) => void {
    const every = this.options.progressEveryMs ?? 1000;
    let lastAt = 0;
    let last = 0;
    return (fraction) => {
      const now = Date.now();
      if (now - lastAt < every || fraction < last + 0.01) return;
      lastAt = now;
      last = fraction;
      void this.options.db.export
        .updateMany({ where: mine, data: { progress: Math.min(0.99, fraction) } })
        .catch((error) => log.warn("could not write export progress", { exportId: mine.id, error }));
    };
  }
}
