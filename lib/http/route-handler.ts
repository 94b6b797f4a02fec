import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";
import { traceRouteRequest } from "./request-trace";

export type ApiError = { error: { code: ErrorCode; message: string } };

export function errorResponse(
  code: ErrorCode,
  message: string,
  status: number,
  headers?: Record<string, string>,
): NextResponse<ApiError> {
  return NextResponse.json({ error: { code, message } }, { status, headers });
}

// zod's own wording ("Invalid input: expected number, received NaN"); our schemas give every field a sentence.
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

/** One readable sentence per problem, naming the field at fault. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map((part) => (typeof part === "number" ? `item ${part + 1}` : String(part))).join(" ");
      if (issue.code === "unrecognized_keys")
        return `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`;
      if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
      const detail = issue.message.replace(/^Invalid input: /, "").replace(/\.$/, "");
      return field ? `The field "${field}" is not valid (${detail}).` : `The request is not valid (${detail}).`;
    })
    .join(" ");
}

async function answer<A extends unknown[]>(handler: (...args: A) => Promise<Response>, args: A): Promise<Response> {
  try {
    return await handler(...args);
  } catch (error) {
    if (error instanceof ZodError) return errorResponse("invalid_input", describeZodError(error), 400);
    if (error instanceof AppError) return errorResponse(error.code, error.message, error.status, error.headers);
    log.error("unhandled route error", { error });
    return errorResponse("internal", "Something went wrong on the server. Please try again.", 500);
  }
}

/**
 * Maps what a handler throws to the API's error shape: input errors 4xx, anything unexpected a generic 500.
 * Behind the Node server the request is already traced (id, timing, count); without it, it is traced here.
 */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    const request = args[0];
    if (!(request instanceof Request)) return answer(handler, args);
    return traceRouteRequest(request, () => answer(handler, args));
  };
}
