import type { ActionResult } from "@/lib/http/action-result";
import type { SceneView } from "@/lib/jobs/job-view";
import type { StillFit } from "@/lib/vocabulary";

type JobRef = { jobId: string };
type SceneRef = JobRef & { sceneId: string };
export type SceneChanges = Partial<Pick<SceneView, "caption" | "imagePrompt" | "motion" | "durationSec" | "narrate">> & {
  /** One of the person's uploaded images as the still, fitted to the frame. */
  uploadId?: string;
  fit?: StillFit;
};

/** Server actions the job page hands to its client components; each takes one object it parses itself. */
export interface JobActions {
  approve: (input: JobRef) => Promise<ActionResult>;
  cancel: (input: JobRef) => Promise<ActionResult>;
  retry: (input: JobRef) => Promise<ActionResult>;
  editScene: (input: SceneRef & { changes: SceneChanges }) => Promise<ActionResult>;
  regenerateScene: (input: SceneRef) => Promise<ActionResult>;
  removeScene: (input: SceneRef) => Promise<ActionResult>;
  moveScene: (input: SceneRef & { direction: -1 | 1 }) => Promise<ActionResult>;
  addScene: (input: JobRef & { scene: NewScene }) => Promise<ActionResult>;
  setMusic: (input: JobRef & { uploadId: string | null }) => Promise<ActionResult>;
  renderNewVersion: (input: JobRef) => Promise<ActionResult>;
  makeVersionCurrent: (input: JobRef & { version: number }) => Promise<ActionResult>;
}

export type NewScene = Pick<SceneView, "caption" | "imagePrompt" | "motion" | "durationSec"> & { afterSceneId?: string };
