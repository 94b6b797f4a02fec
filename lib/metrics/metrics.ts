import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Every metric Storyreel exports, in one registry per process. Next.js loads lib/ more than once in the one
// process the Node server and Next share: the registry and its metrics live on globalThis, made once.

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const LONG_SECONDS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];

function createMetrics(registry: Registry) {
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "storyreel_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "storyreel_http_request_duration_seconds",
      help: "Time to answer an HTTP request (to its last byte), by method and route pattern",
      labelNames: ["method", "route"] as const,
      buckets: SECONDS,
      registers,
    }),
    jobStages: new Counter({
      name: "storyreel_job_stages_total",
      help: "Job stages run, by stage and outcome (done, failed, canceled, interrupted)",
      labelNames: ["stage", "outcome"] as const,
      registers,
    }),
    stageDuration: new Histogram({
      name: "storyreel_job_stage_duration_seconds",
      help: "Time one job stage took, by stage and outcome",
      labelNames: ["stage", "outcome"] as const,
      buckets: LONG_SECONDS,
      registers,
    }),
    jobRuns: new Counter({
      name: "storyreel_job_runs_total",
      help: "Runs of a job by a runner, by how they ended (completed, awaiting_approval, failed, canceled, interrupted)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    generations: new Counter({
      name: "storyreel_generation_calls_total",
      help: "Generation calls (scenes, stills, clips, narration), by back end, kind, model and outcome",
      labelNames: ["backend", "kind", "model", "outcome"] as const,
      registers,
    }),
    generationDuration: new Histogram({
      name: "storyreel_generation_call_duration_seconds",
      help: "Time one generation call took, by back end and kind",
      labelNames: ["backend", "kind"] as const,
      buckets: LONG_SECONDS,
      registers,
    }),
    retries: new Counter({
      name: "storyreel_retries_total",
      help: "Calls to a model API tried again after a failure, by service",
      labelNames: ["service"] as const,
      registers,
    }),
    breakerState: new Gauge({
      name: "storyreel_circuit_breaker_state",
      help: "This process's circuit breaker for a model API: 0 closed, 1 half open, 2 open",
      labelNames: ["service"] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: "storyreel_queue_depth",
      help: "Jobs with work to do: waiting for a runner, or held by one (the whole database, as of the scrape)",
      labelNames: ["state"] as const,
      registers,
    }),
    queueWait: new Histogram({
      name: "storyreel_queue_wait_seconds",
      help: "How long a runnable job waited before a runner of this process claimed it",
      buckets: LONG_SECONDS,
      registers,
    }),
    ffmpegDuration: new Histogram({
      name: "storyreel_ffmpeg_duration_seconds",
      help: "Time one ffmpeg run took (waiting for a slot not counted), by outcome",
      labelNames: ["outcome"] as const,
      buckets: LONG_SECONDS,
      registers,
    }),
    spendUsd: new Counter({
      name: "storyreel_spend_usd_total",
      help: "Money spent on model calls (USD), by model",
      labelNames: ["model"] as const,
      registers,
    }),
    budgetHolds: new Counter({
      name: "storyreel_budget_holds_total",
      help: "Budget holds asked for before work is spent on, by outcome (held, refused)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    budgetHeldUsd: new Counter({
      name: "storyreel_budget_held_usd_total",
      help: "Money held (USD) for work about to be spent on",
      registers,
    }),
    uploadBytes: new Counter({
      name: "storyreel_upload_bytes_total",
      help: "Bytes of uploads stored (after checking and re-encoding), by kind",
      labelNames: ["kind"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { storyreelMetrics?: Metrics };

/** This process's metrics (Node's own too: memory, event-loop lag, CPU). */
export function metrics(): Metrics {
  if (globalForMetrics.storyreelMetrics) return globalForMetrics.storyreelMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const made = createMetrics(registry);
  made.breakerState.set({ service: "replicate" }, 0);
  return (globalForMetrics.storyreelMetrics = made);
}
