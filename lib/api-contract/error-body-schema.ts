import { z } from "zod";
import type { ErrorCode } from "@/lib/errors";

const ERROR_CODES = [
  "invalid_input",
  "unauthorized",
  "forbidden",
  "method_not_allowed",
  "misdirected_request",
  "unsupported_media_type",
  "payload_too_large",
  "not_found",
  "conflict",
  "range_not_satisfiable",
  "rate_limited",
  "gone",
  "bad_gateway",
  "budget_exceeded",
  "unprocessable",
  "internal",
] as const satisfies readonly ErrorCode[];

/** The one error body of lib/http/error-body.ts, as the document states it. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    requestId: z.string().optional(),
  }),
});

// Checked by the compiler: a new code in lib/errors.ts that is missing here fails the typecheck.
type Missing = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>;
export const everyErrorCodeListed: Missing extends never ? true : never = true;
