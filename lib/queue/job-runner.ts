import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { runOutsideLogContext, runWithLogContext } from "@/lib/logging/log-context";
import { metrics } from "@/lib/metrics/metrics";
import { failJob } from "@/lib/pipeline/fail-job";
import { runStage } from "@/lib/pipeline/run-stage";
import { JobCanceledError, LeaseLostError, StepError, type StepContext } from "@/lib/pipeline/step-context";
import type { JobBackendChoice } from "@/lib/backends";
import type { GenerationBackend } from "@/lib/backends/types";
import { markInterruptedGenerations } from "@/lib/pipeline/ledger";
import { discardPartialFiles } from "@/lib/storage/file-storage";
import { newOwnerId } from "@/lib/util/process-identity";
import { claimJob, findClaimableJobs, findLostLeases, releaseLease, releaseLeasesOfDeadLocalRunners, renewLease } from "./lease";
import { onWorkAvailable } from "./work-signal";

export interface RunnerOptions {
  db: Db;
  backend: (job: JobBackendChoice) => GenerationBackend;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  /** Work on this job only (the CLI). */
  onlyJobId?: string;
}

function buildBackend(build: RunnerOptions["backend"], job: JobBackendChoice): GenerationBackend {
  try {
    return build(job);
  } catch (error) {
    throw new StepError(`This job's generation back end is not available: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
}

const abortOutcome = (signal: AbortSignal) => (signal.reason instanceof JobCanceledError ? "canceled" : "interrupted");

/** Claims runnable jobs with a lease and advances each one stage after another, a bounded number at once. */
export class JobRunner {
  readonly owner = newOwnerId();
  private readonly running = new Map<string, { token: string; abort: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = true;
  private ticking = false;

  constructor(private readonly options: RunnerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // Woken by a request: the runner's lines are its own, not that request's.
    this.unsubscribe = onWorkAvailable(() => void runOutsideLogContext(() => this.tick()));
    this.timer = setInterval(() => void this.tick(), this.options.pollMs);
    void releaseLeasesOfDeadLocalRunners(this.options.db)
      .then((ids) => ids.length > 0 && log.info("resuming jobs of a runner that died", { jobIds: ids }))
      .catch((error) => log.error("could not release dead runners' leases", { error }))
      .finally(() => void this.tick());
  }

  /** Stops claiming, aborts running steps and releases their leases so another runner can resume at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    for (const { abort } of this.running.values()) abort.abort(new Error("Runner stopping"));
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  get activeJobIds(): string[] {
    return [...this.running.keys()];
  }

  async tick(): Promise<void> {
    if (this.stopped || this.ticking) return;
    this.ticking = true;
    try {
      await this.abortJobsWithLostLeases();
      const free = this.options.concurrency - this.running.size;
      if (free <= 0) return;
      const jobs = await findClaimableJobs(this.options.db, free, {
        exclude: this.activeJobIds,
        onlyJobId: this.options.onlyJobId,
      });
      for (const { id, waitingSince } of jobs) {
        const token = await claimJob(this.options.db, id, this.owner, this.options.leaseMs);
        if (!token || this.stopped) {
          if (token) await releaseLease(this.options.db, id, token);
          continue;
        }
        metrics().queueWait.observe(Math.max(0, Date.now() - waitingSince.getTime()) / 1000);
        const abort = new AbortController();
        // Every line the job's work writes, down to its ffmpeg runs and model calls, carries its id.
        const done = runWithLogContext({ jobId: id }, () => this.runJob(id, token, abort)).finally(() => {
          this.running.delete(id);
          void this.tick();
        });
        this.running.set(id, { token, abort, done });
      }
    } catch (error) {
      log.error("runner tick failed", { error });
    } finally {
      this.ticking = false;
    }
  }

  /**
   * A cancel clears the job's lease. Checking on every tick (and at once when a cancel in this process
   * signals) stops the job's ffmpeg within a poll interval, not a heartbeat interval.
   */
  private async abortJobsWithLostLeases(): Promise<void> {
    const held = new Map([...this.running].map(([id, r]) => [id, r.token]));
    for (const { jobId, canceled } of await findLostLeases(this.options.db, held)) {
      this.running.get(jobId)?.abort.abort(canceled ? new JobCanceledError() : new LeaseLostError());
    }
  }

  /** Whatever a previous holder left in flight: its calls are marked interrupted, its temp files removed. */
  private async recover(jobId: string, leaseToken: string): Promise<void> {
    // A pause notice belongs to the holder that saw the API down; this holder will find out for itself.
    await this.options.db.job.updateMany({
      where: { id: jobId, leaseToken, pausedReason: { not: null } },
      data: { pausedReason: null, pausedAt: null },
    });
    const interrupted = await markInterruptedGenerations(this.options.db, jobId);
    const discarded = await discardPartialFiles(jobId);
    if (interrupted > 0 || discarded.length > 0) log.info("recovered interrupted work", { jobId, interrupted, discarded });
  }

  private async runJob(jobId: string, leaseToken: string, abort: AbortController): Promise<void> {
    const { db, leaseMs } = this.options;
    const heartbeat = setInterval(
      () => {
        renewLease(db, jobId, leaseToken, leaseMs)
          .then((held) => {
            if (!held) return this.abortJobsWithLostLeases();
          })
          .catch((error) => log.warn("lease renewal failed", { jobId, error }));
      },
      Math.max(250, Math.floor(leaseMs / 3)),
    );
    let outcome = "interrupted";
    try {
      await this.recover(jobId, leaseToken);
      for (;;) {
        const job = await db.job.findFirst({
          where: { id: jobId, leaseToken },
          select: {
            status: true,
            backend: true,
            writerModel: true,
            stillModel: true,
            clipModel: true,
            clipResolution: true,
            narratorModel: true,
          },
        });
        if (!job || abort.signal.aborted) return void (outcome = abortOutcome(abort.signal));
        const started = Date.now();
        const stage = (stageOutcome: string) => {
          const m = metrics();
          m.jobStages.inc({ stage: job.status, outcome: stageOutcome });
          m.stageDuration.observe({ stage: job.status, outcome: stageOutcome }, (Date.now() - started) / 1000);
        };
        try {
          const ctx: StepContext = {
            db,
            jobId,
            leaseToken,
            signal: abort.signal,
            backend: buildBackend(this.options.backend, job),
          };
          log.info("stage started", { jobId, stage: job.status });
          // A status with no stage to run (awaiting approval, completed, ...) is where this run ends.
          if (!(await runStage(job.status, ctx))) return void (outcome = job.status);
          stage("done");
        } catch (error) {
          if (error instanceof LeaseLostError || abort.signal.aborted) {
            stage((outcome = abortOutcome(abort.signal)));
            return;
          }
          stage((outcome = "failed"));
          log.error("stage failed", { jobId, stage: job.status, error });
          await failJob(db, jobId, leaseToken, job.status, error);
          return;
        }
      }
    } catch (error) {
      outcome = "failed";
      log.error("job run failed", { jobId, error });
    } finally {
      metrics().jobRuns.inc({ outcome });
      clearInterval(heartbeat);
      await releaseLease(db, jobId, leaseToken).catch(() => undefined);
    }
  }
}
