import type { SceneChange, SceneChangeKind, VersionScene } from "./version-scenes";

type DraftScene = Omit<VersionScene, "sceneId" | "narrationSec" | "narrationKey" | "clipKey"> & { sceneId: string };

/** Scene ids in the order they share with the other list: a scene "moved" when its place among them changed. */
const commonOrder = (ids: string[], other: Set<string>) => ids.filter((id) => other.has(id));

/**
 * What the draft changes from the version it is based on, scene by scene, in the words the job page shows.
 * Removed scenes are named by their place in the old version, the others by their place in the new one.
 */
export function diffScenes(before: readonly VersionScene[], draft: readonly DraftScene[]): SceneChange[] {
  const old = new Map(before.map((s) => [s.sceneId, s]));
  const now = new Set(draft.map((s) => s.sceneId));
  const oldOrder = commonOrder(
    before.map((s) => s.sceneId),
    now,
  );
  const newOrder = commonOrder(
    draft.map((s) => s.sceneId),
    new Set(old.keys()),
  );
  const changes: SceneChange[] = [];
  draft.forEach((scene, index) => {
    const was = old.get(scene.sceneId);
    const kinds: SceneChangeKind[] = [];
    if (!was) kinds.push("added");
    else {
      if (oldOrder.indexOf(scene.sceneId) !== newOrder.indexOf(scene.sceneId)) kinds.push("moved");
      if (was.caption !== scene.caption) kinds.push("caption");
      if (was.imagePrompt !== scene.imagePrompt) kinds.push("image prompt");
      if (was.motion !== scene.motion) kinds.push("motion");
      if (was.durationSec !== scene.durationSec) kinds.push("length");
      if (was.stillKey !== scene.stillKey) kinds.push("still");
      if (was.narrate !== scene.narrate) kinds.push("narration");
    }
    if (kinds.length > 0) changes.push({ sceneId: scene.sceneId, scene: index + 1, changes: kinds });
  });
  before.forEach((scene, index) => {
    if (!now.has(scene.sceneId)) changes.push({ sceneId: scene.sceneId, scene: index + 1, changes: ["removed"] });
  });
  return changes;
}

/** "Scene 2: caption, motion · scene 4 removed" */
export function describeChanges(changes: readonly SceneChange[], musicChanged: boolean): string {
  const parts = changes.map((c) =>
    c.changes.includes("removed") || c.changes.includes("added")
      ? `scene ${c.scene} ${c.changes[0]}`
      : `scene ${c.scene}: ${c.changes.join(", ")}`,
  );
  if (musicChanged) parts.push("music");
  if (parts.length === 0) return "Nothing changed";
  const text = parts.join(" · ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
