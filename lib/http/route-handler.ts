import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";

export type ApiError = { error: { code: ErrorCode; message: string } };

export function errorResponse(
  code: ErrorCode,
  message: string,
  status: number,
  headers?: Record<string, string>,
): NextResponse<ApiError> {
  return NextResponse.json({ error: { code, message } }, { status, headers });
}

/** One readable sentence from zod's issues, naming the field at fault. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join(".");
      if (issue.code === "unrecognized_keys")
        return `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`;
      return field && !issue.message.toLowerCase().includes(field.toLowerCase()) ? `${field}: ${issue.message}` : issue.message;
    })
    .join(" ");
}

/** Maps what a handler throws to the API's error shape: input errors 4xx, anything unexpected a generic 500. */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ZodError) return errorResponse("invalid_input", describeZodError(error), 400);
      if (error instanceof AppError) return errorResponse(error.code, error.message, error.status, error.headers);
      log.error("unhandled route error", { error });
      return errorResponse("internal", "Something went wrong on the server. Please try again.", 500);
    }
  };
}
