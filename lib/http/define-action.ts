import type { z } from "zod";
import { resolveCaller, type Caller } from "./caller";
import { toActionResult, type ActionResult } from "./action-result";

/**
 * A server action that cannot skip the edge: its one argument is parsed by `schema` (the caller is never
 * trusted), the caller is resolved here, and errors come back as a sentence instead of a thrown 500.
 */
export function defineAction<S extends z.ZodType>(schema: S, run: (input: z.output<S>, caller: Caller) => Promise<unknown>) {
  return async (input: z.input<S>): Promise<ActionResult> =>
    toActionResult(async () => {
      const parsed = schema.parse(input);
      await run(parsed, await resolveCaller());
    });
}
