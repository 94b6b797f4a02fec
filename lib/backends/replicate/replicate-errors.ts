/** Why a Replicate call failed, whether trying again can help, and a sentence a person can read. */
export type FailureKind =
  "network" | "server" | "throttled" | "auth" | "input" | "prediction" | "output" | "deadline" | "invalid";

export class ReplicateError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly userMessage: string,
    options: { retryAfterMs?: number; cause?: unknown; detail?: string } = {},
  ) {
    super(options.detail ? `${userMessage} (${options.detail})` : userMessage, { cause: options.cause });
    this.name = "ReplicateError";
    this.retryAfterMs = options.retryAfterMs;
  }

  readonly retryAfterMs?: number;

  /** Network errors, 5xx, 429, failed predictions and bad outputs are worth another attempt; our own mistakes are not. */
  get retryable(): boolean {
    return !["auth", "input", "deadline", "invalid"].includes(this.kind);
  }

  /** Failures that say the API itself is unwell, which is what the circuit breaker counts (a 429 is not one). */
  get apiUnavailable(): boolean {
    return ["network", "server"].includes(this.kind);
  }
}

/** "Request was throttled. Your rate limit resets in ~30s." -> 30000; undefined when the body says no time. */
export function parseResetsIn(detail: string): number | undefined {
  const match = /resets? in ~?\s*(\d+(?:\.\d+)?)\s*s/i.exec(detail);
  return match ? Number(match[1]) * 1000 : undefined;
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function apiDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { detail?: string; title?: string };
    return (body.detail ?? body.title ?? text).slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

/** Turns a non-2xx answer from the API into a ReplicateError. */
export async function errorFromResponse(response: Response): Promise<ReplicateError> {
  const detail = await apiDetail(response);
  const status = response.status;
  if (status === 401 || status === 403) {
    return new ReplicateError("auth", "Replicate refused the API token: check REPLICATE_API_TOKEN.", {
      detail: `HTTP ${status}`,
    });
  }
  if (status === 429) {
    return new ReplicateError(
      "throttled",
      "Replicate is throttling requests right now; the call was retried and still could not get through.",
      {
        // Replicate may leave out Retry-After and say it in words instead: "... resets in ~30s."
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) ?? parseResetsIn(detail),
        detail: `HTTP 429 ${detail}`,
      },
    );
  }
  if (status >= 500)
    return new ReplicateError("server", "Replicate's API is having trouble (a server error); it was retried without success.", {
      detail: `HTTP ${status} ${detail}`,
    });
  return new ReplicateError("input", `Replicate rejected the request: ${detail || `HTTP ${status}`}`, {
    detail: `HTTP ${status}`,
  });
}

/** The replicate client throws ApiError with the response attached; anything else is the network. */
export async function errorFromClient(error: unknown): Promise<ReplicateError> {
  if (error instanceof ReplicateError) return error;
  const response = (error as { response?: Response }).response;
  if (response instanceof Response) return errorFromResponse(response);
  return networkError(error);
}

export function networkError(error: unknown): ReplicateError {
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
  return new ReplicateError("network", timedOut ? "Replicate did not answer in time." : "Replicate could not be reached.", {
    cause: error,
    detail: error instanceof Error ? error.message : String(error),
  });
}
