import { log } from "@/lib/log";
import { problemOf } from "./error-body";

export type ActionResult = { ok: true } | { ok: false; error: string };

/** Server actions return a result instead of throwing, so the page can show the sentence next to the button. */
export async function toActionResult(work: () => Promise<unknown>): Promise<ActionResult> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    // The same sentence a route would answer with, for the same error.
    const problem = problemOf(error);
    if (problem.status === 500) log.error("unhandled action error", { error });
    return { ok: false, error: problem.message };
  }
}
