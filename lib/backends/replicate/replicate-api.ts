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
  metrics?: { predict_time?: number; input_token_count?: number; output_token_count?: number };
  /** "web" for predictions made on replicate.com; "api" for ours (and everyone's scripts). */
  source?: string;
  /** Inputs and outputs are wiped an hour after a prediction ends. */
  data_removed?: boolean;
}

export interface ReplicateApiOptions {
  token: string;
  baseUrl: string;
  requestTimeoutMs: number;
  /** Where Replicate should POST when a prediction completes; none means polling only. */
  webhookUrl?: string;
}

const MAX_THROTTLE_WAIT_MS = 60_000;
// A lost create is minutes old at most; this many pages is far more than minutes of predictions.
const MAX_LIST_PAGES = 20;
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
      // The signal a caller passes to the client is the job's cancel; each request also has its own timeout.
      fetch: async (url, init) => {
        const cancel = init?.signal ?? undefined;
        const timeout = AbortSignal.timeout(options.requestTimeoutMs);
        const response = await fetch(url, {
          ...init,
          cache: "no-store",
          signal: cancel ? AbortSignal.any([cancel, timeout]) : timeout,
        });
        // The client (1.4.0) re-sends a throttled GET at once, which only spends more of the limit: hold the
        // 429 until the limit resets (capped), so its re-send comes when it can succeed, or the job is canceled.
        if (response.status === 429) {
          await sleep(Math.min(await throttleWaitMs(response.clone()), MAX_THROTTLE_WAIT_MS), undefined, { signal: cancel });
        }
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

  async getPrediction(id: string, signal?: AbortSignal): Promise<Prediction> {
    return this.call(() => this.client.predictions.get(id, { signal }) as Promise<Prediction>);
  }

  async cancelPrediction(id: string): Promise<Prediction> {
    return this.call(() => this.client.predictions.cancel(id) as Promise<Prediction>);
  }

  /**
   * Every prediction on the account created after `since`, newest first, following `next` page by page:
   * a lost create is looked for among them. Our own fetch: the client's list() cannot pass created_after.
   */
  async predictionsCreatedAfter(since: Date): Promise<Prediction[]> {
    const base = new URL(this.options.baseUrl.replace(/\/$/, "") + "/predictions");
    base.searchParams.set("created_after", since.toISOString());
    const found: Prediction[] = [];
    let next: string | null = base.toString();
    for (let page = 0; next && page < MAX_LIST_PAGES; page++) {
      // The token goes only to the API's own origin, whatever a `next` link says.
      if (new URL(next).origin !== base.origin) break;
      const body: { results?: Prediction[]; next?: string | null } = await this.getJson(next);
      found.push(...(body.results ?? []));
      next = body.next ?? null;
    }
    return found;
  }

  private async getJson<T>(url: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        cache: "no-store",
        headers: { Authorization: `Bearer ${this.options.token}` },
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
    } catch (error) {
      throw networkError(error);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return (await response.json()) as T;
  }

  /**
   * Puts a file on Replicate (`POST /v1/files`) and answers the URL a model input can name. Data URLs are
   * for small files only, and Replicate keeps none of them, so every still goes this way.
   */
  async uploadFile(bytes: Buffer, contentType: string, metadata: Record<string, unknown>): Promise<{ id: string; url: string }> {
    const file = await this.call(() =>
      this.client.files.create(new Blob([new Uint8Array(bytes)], { type: contentType }), metadata),
    );
    return { id: file.id, url: file.urls.get };
  }

  async deleteFile(id: string): Promise<void> {
    await this.call(() => this.client.files.delete(id));
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw await errorFromClient(error);
    }
  }
}
