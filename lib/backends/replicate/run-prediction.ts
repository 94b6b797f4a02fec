import type { CallHooks } from "../types";
import type { BilledCost } from "./billing";
import { waitForPredictionUpdate } from "./prediction-events";
import type { Prediction, ReplicateApi } from "./replicate-api";
import { ReplicateError } from "./replicate-errors";
import type { Resilience } from "./resilience";

export interface PredictionRequest<T> {
  model: string;
  input: Record<string, unknown>;
  /** Sent as Cancel-After and enforced here too. */
  deadlineSec: number;
  pollMs: number;
  maxRetries: number;
  /** What a billed prediction of this request cost, from what the prediction reports. */
  cost(prediction: Prediction): BilledCost;
  /**
   * The most a billed prediction of this request can cost (every token, the whole deadline; exact for stills and
   * clips): held before each create, so a bill can never pass what the daily caps were checked against.
   */
  maxCostUsd: number;
  /** Downloads and checks the output; a ReplicateError("output") makes the attempt fail and retry. */
  accept(prediction: Prediction): Promise<T>;
}

const TERMINAL = new Set(["succeeded", "failed", "canceled", "aborted"]);
// Leeway for clocks and for list pages to include a prediction whose create answer we never saw.
const ADOPT_WINDOW_MS = 30_000;

export const PAUSED_NOTICE =
  "Replicate is not answering right now; this job is paused and will carry on by itself when it is back.";

const isFile = (value: unknown) => typeof value === "string" && /^(data:|https?:)/.test(value);

/**
 * Whether a listed prediction was made from this input. Files are never compared: Replicate does not keep
 * data URLs, and a file URL it stored is not the one sent. Every other input must be there and equal.
 */
const sameScalarInput = (listed: Record<string, unknown>, sent: Record<string, unknown>) =>
  Object.entries(sent).every(([key, value]) => isFile(value) || JSON.stringify(listed[key]) === JSON.stringify(value));
const modelName = (ref: string) => ref.split(":")[0];

/**
 * One generation on Replicate: create (or resume) a prediction, poll it, take its output. Each attempt
 * puts exactly one create POST on the wire; a create whose answer was lost (timeout, 5xx) is looked up
 * among the account's newest predictions and adopted instead of paid for twice.
 */
export async function runPrediction<T>(
  api: ReplicateApi,
  resilience: Resilience,
  request: PredictionRequest<T>,
  hooks: CallHooks,
  signal: AbortSignal,
): Promise<T> {
  let resumeId = hooks.resumeExternalId ?? undefined;
  let current: string | undefined;
  const onPause = (paused: boolean) => hooks.onPause(paused ? PAUSED_NOTICE : null);
  try {
    if (!resumeId && hooks.lostCreateSince)
      resumeId = await adoptLostCreate(api, request, hooks, hooks.lostCreateSince.getTime());
    return await resilience.run(
      async () => {
        current = resumeId ?? (await create(api, resilience, request, hooks, signal));
        resumeId = undefined;
        const prediction = await poll(api, resilience, request, current, signal, onPause);
        if (prediction.status === "succeeded") {
          hooks.addCost(request.cost(prediction));
          return request.accept(prediction);
        }
        // Canceled after it started is billed; aborted (never started) and failed are not.
        if (prediction.status === "canceled" && prediction.started_at) hooks.addCost(request.cost(prediction));
        const reason =
          typeof prediction.error === "string" && prediction.error ? prediction.error : `it ended "${prediction.status}"`;
        throw new ReplicateError("prediction", `The model could not make this: ${reason.slice(0, 200)}`);
      },
      { maxRetries: request.maxRetries, signal, onPause },
    );
  } catch (error) {
    // A person canceled the job: stop the remote work too (a shutdown leaves it running, to be resumed).
    if (current && signal.aborted && (signal.reason as Error | undefined)?.name === "JobCanceledError") {
      const canceled = await api.cancelPrediction(current).catch(() => undefined);
      if (canceled?.started_at) hooks.addCost(request.cost(canceled));
    }
    throw error;
  }
}

async function create<T>(
  api: ReplicateApi,
  resilience: Resilience,
  request: PredictionRequest<T>,
  hooks: CallHooks,
  signal: AbortSignal,
): Promise<string> {
  await hooks.beforeBilledCall?.(request.maxCostUsd);
  const sentAt = Date.now();
  try {
    const prediction = await resilience.guard(
      () => api.createPrediction(request.model, request.input, request.deadlineSec),
      signal,
    );
    await hooks.onExternalId(prediction.id);
    return prediction.id;
  } catch (error) {
    if (!(error instanceof ReplicateError) || !["network", "server"].includes(error.kind)) throw error;
    const adopted = await adoptLostCreate(api, request, hooks, sentAt);
    if (!adopted) throw error;
    return adopted;
  }
}

/** The prediction a lost create made, recorded in the ledger as this call's; undefined if none is found. */
async function adoptLostCreate<T>(
  api: ReplicateApi,
  request: PredictionRequest<T>,
  hooks: CallHooks,
  sentAt: number,
): Promise<string | undefined> {
  const adopted = await findLostCreate(api, request, hooks, sentAt).catch(() => undefined);
  if (adopted) await hooks.onExternalId(adopted);
  return adopted;
}

async function findLostCreate<T>(
  api: ReplicateApi,
  request: PredictionRequest<T>,
  hooks: CallHooks,
  sentAt: number,
): Promise<string | undefined> {
  // Oldest first: of two identical calls whose answers were both lost, the first one sent takes the first made.
  const candidates = (await api.predictionsCreatedAfter(new Date(sentAt - ADOPT_WINDOW_MS))).reverse();
  for (const candidate of candidates) {
    if (candidate.source === "web" || candidate.data_removed || !candidate.input) continue;
    if (candidate.model !== modelName(request.model)) continue;
    if (!sameScalarInput(candidate.input, request.input)) continue;
    if (await hooks.isRecorded(candidate.id)) continue;
    return candidate.id;
  }
  return undefined;
}

async function poll<T>(
  api: ReplicateApi,
  resilience: Resilience,
  request: PredictionRequest<T>,
  id: string,
  signal: AbortSignal,
  onPause: (paused: boolean) => Promise<void>,
): Promise<Prediction> {
  const deadline = Date.now() + request.deadlineSec * 1000;
  for (;;) {
    const prediction = await resilience.run(() => resilience.guard(() => api.getPrediction(id, signal), signal), {
      maxRetries: 5,
      signal,
      onPause,
    });
    if (TERMINAL.has(prediction.status)) return prediction;
    if (Date.now() > deadline) {
      await api.cancelPrediction(id).catch(() => undefined);
      throw new ReplicateError("deadline", `The model took longer than ${request.deadlineSec} s, so it was stopped.`);
    }
    await waitForPredictionUpdate(id, request.pollMs, signal);
  }
}
