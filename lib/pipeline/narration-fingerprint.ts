import { createHash } from "node:crypto";

/** What a scene's narration was made from (its voice and caption), so an unchanged caption is not spoken again. */
export const narrationFingerprint = (voice: string, caption: string): string =>
  createHash("sha256").update(`${voice}\n${caption}`).digest("hex").slice(0, 16);
