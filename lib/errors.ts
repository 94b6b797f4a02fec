export type ErrorCode =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "method_not_allowed"
  | "misdirected_request"
  | "unsupported_media_type"
  | "payload_too_large"
  | "not_found"
  | "conflict"
  | "range_not_satisfiable"
  | "rate_limited"
  | "gone"
  | "bad_gateway"
  | "budget_exceeded"
  | "unprocessable"
  | "internal";

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  method_not_allowed: 405,
  misdirected_request: 421,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  conflict: 409,
  range_not_satisfiable: 416,
  rate_limited: 429,
  gone: 410,
  bad_gateway: 502,
  budget_exceeded: 402,
  unprocessable: 422,
  internal: 500,
};

/** An expected failure whose message is safe to show to a person. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Content-Range on a 416. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS_BY_CODE[code];
  }
}

export const notFound = (what = "That job") => new AppError("not_found", `${what} does not exist.`);
export const conflict = (message: string) => new AppError("conflict", message);
export const invalidInput = (message: string) => new AppError("invalid_input", message);
