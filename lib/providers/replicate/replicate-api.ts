import { setTimeout as sleep } from "node:timers/promises";
import Replicate from "replicate";
import { errorFromClient, errorFromResponse, networkError, parseResetsIn, parseRetryAfter } from "./replicate-errors";
import { parseModelRef } from "./model-table";

export type PredictionStatus = "starting" | "processing" | "succeeded" | "failed" | "canceled" | "aborted";

export interface Prediction {
  id: string;
  model?: string;
  version?: string;
  input?: Record<string, unknown>;
  status: PredictionStatus;
  output?: unknown;
  error?: unknown;
  created_at?: string;
  started_at?: string | null;
  metrics?: { predict_time?: number };
}

export interface ReplicateApiOptions {
  token: string;
  baseUrl: string;
  requestTimeoutMs: number;
  /** Where Replicate should POST when a prediction completes; none means polling only. */
  webhookUrl?: string;
}

const MAX_THROTTLE_WAIT_MS = 60_000;
const DEFAULT_THROTTLE_WAIT_MS = 2_000;

async function throttleWaitMs(response: Response): Promise<number> {
  const fromHeader = parseRetryAfter(response.headers.get("retry-after"));
  if (fromHeader !== undefined) return fromHeader;
  return parseResetsIn(await response.text().catch(() => "")) ?? DEFAULT_THROTTLE_WAIT_MS;
}

/**
 * The HTTP edge. Creating a prediction is our own single fetch: the client's withAutomaticRetries (1.4.0)
 * re-sends a POST after any network error with no real delay, and each re-send may be another billed
 * prediction. Reads and cancels go through the official client, configured not to cache or wrap outputs.
 */
export class ReplicateApi {
  private readonly client: Replicate;

  constructor(private readonly options: ReplicateApiOptions) {
    this.client = new Replicate({
      auth: options.token,
      baseUrl: options.baseUrl,
      useFileOutput: false,
      fetch: async (url, init) => {
        const response = await fetch(url, {
          ...init,
          cache: "no-store",
          signal: init?.signal ?? AbortSignal.timeout(options.requestTimeoutMs),
        });
        // The client (1.4.0) re-sends a throttled GET at once, which only spends more of the limit: hold the
        // 429 until the limit resets (capped), so its re-send comes when it can succeed.
        if (response.status === 429) await sleep(Math.min(await throttleWaitMs(response.clone()), MAX_THROTTLE_WAIT_MS));
        return response;
      },
    });
  }

  /** Exactly one POST. A thrown network error or 5xx is ambiguous: the prediction may exist anyway. */
  async createPrediction(modelRef: string, input: Record<string, unknown>, cancelAfterSec: number): Promise<Prediction> {
    const ref = parseModelRef(modelRef);
    const base = this.options.baseUrl.replace(/\/$/, "");
    const url = ref.version ? `${base}/predictions` : `${base}/models/${ref.owner}/${ref.name}/predictions`;
    const webhook = this.options.webhookUrl ? { webhook: this.options.webhookUrl, webhook_events_filter: ["completed"] } : {};
    const body = ref.version ? { version: ref.version, input, ...webhook } : { input, ...webhook };
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        cache: "no-store",
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          "Content-Type": "application/json",
          // Replicate stops (and stops billing) a prediction still running after this long.
          "Cancel-After": `${Math.ceil(cancelAfterSec)}s`,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
    } catch (error) {
      throw networkError(error);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return (await response.json()) as Prediction;
  }

  async getPrediction(id: string): Promise<Prediction> {
    return this.call(() => this.client.predictions.get(id) as Promise<Prediction>);
  }

  async cancelPrediction(id: string): Promise<Prediction> {
    return this.call(() => this.client.predictions.cancel(id) as Promise<Prediction>);
  }

  /** The newest predictions on the account (one page), to find one whose create answer was lost. */
  async recentPredictions(): Promise<Prediction[]> {
    return this.call(async () => (await this.client.predictions.list()).results as Prediction[]);
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw await errorFromClient(error);
    }
  }
}
