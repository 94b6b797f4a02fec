import { ZodError } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";
import { describeZodError } from "./describe-zod-error";

/** A refusal or failure as a person reads it: the status, a code a program can branch on, and a sentence. */
export interface HttpProblem {
  status: number;
  code: ErrorCode;
  message: string;
  /** Extra headers the answer needs (Allow on a 405, Content-Range on a 416, Retry-After on a 429). */
  headers?: Record<string, string>;
}

export type ApiError = { error: { code: ErrorCode; message: string; requestId?: string } };

export const INTERNAL_MESSAGE = "Something went wrong on the server. Please try again.";

/** What every error answer carries, whoever writes it: JSON, and never kept by a cache or a proxy. */
export const ERROR_HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store" } as const;

/** An error's status, code and sentence: input errors as they are, anything unexpected as a generic 500. */
export function problemOf(error: unknown, internalMessage = INTERNAL_MESSAGE): HttpProblem {
  if (error instanceof ZodError) return { status: 400, code: "invalid_input", message: describeZodError(error) };
  if (error instanceof AppError)
    return { status: error.status, code: error.code, message: error.message, headers: error.headers };
  return { status: 500, code: "internal", message: internalMessage };
}

/**
 * The one error body of the API, for the Node server's own answers and Next's routes alike. The request id is
 * the one in the answer's x-request-id header, so a person reporting the sentence can quote it.
 */
export function errorAnswer(
  problem: HttpProblem,
  requestId?: string | null,
): { status: number; headers: Record<string, string>; body: string } {
  const body: ApiError = { error: { code: problem.code, message: problem.message, ...(requestId ? { requestId } : {}) } };
  return { status: problem.status, headers: { ...problem.headers, ...ERROR_HEADERS }, body: JSON.stringify(body) };
}

/** `errorAnswer` as a web Response, for Next's route handlers. */
export function errorResponse(problem: HttpProblem, requestId?: string | null): Response {
  const answer = errorAnswer(problem, requestId);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
