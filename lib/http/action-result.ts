import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { describeZodError } from "./route-handler";

export type ActionResult = { ok: true } | { ok: false; error: string };

/** Server actions return a result instead of throwing, so the page can show the sentence next to the button. */
export async function toActionResult(work: () => Promise<unknown>): Promise<ActionResult> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    if (error instanceof ZodError) return { ok: false, error: describeZodError(error) };
    if (error instanceof AppError) return { ok: false, error: error.message };
    log.error("unhandled action error", { error });
    return { ok: false, error: "Something went wrong on the server. Please try again." };
  }
}
