import { createHash } from "node:crypto";

/** What a scene's narration was made from: a caption spoken again only when this changes. */
export const narrationFingerprint = (voice: string, caption: string) =>
  createHash("sha256").update(`${voice}\n${caption}`).digest("hex").slice(0, 16);

/** Whether the scene's spoken caption is still to make (or make again) before its version can be stitched. */
export function needsNarration(
  voice: string | null,
  scene: { narrate: boolean; caption: string; narrationKey: string | null; narrationOf: string | null },
): boolean {
  if (!voice || !scene.narrate) return false;
  return !scene.narrationKey || scene.narrationOf !== narrationFingerprint(voice, scene.caption);
}
