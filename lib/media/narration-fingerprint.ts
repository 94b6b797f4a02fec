import { createHash } from "node:crypto";
import { statKey } from "@/lib/storage/file-storage";
import { narrationKey } from "@/lib/storage/keys";

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

/**
 * Whether speaking the caption is work still to pay for: a narration of the same caption in the same voice made
 * before (an earlier version's, say) is used again, never spoken or written over a second time.
 */
export async function narrationToMake(
  jobId: string,
  voice: string | null,
  scene: { id: string; narrate: boolean; caption: string; narrationKey: string | null; narrationOf: string | null },
): Promise<boolean> {
  if (!needsNarration(voice, scene)) return false;
  return (await statKey(narrationKey(jobId, scene.id, narrationFingerprint(voice!, scene.caption)))) === null;
}
