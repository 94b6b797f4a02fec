import type { ActionResult } from "@/lib/http/action-result";

/** Server actions the job page hands to its client components. */
export interface JobActions {
  approve: (jobId: string) => Promise<ActionResult>;
  cancel: (jobId: string) => Promise<ActionResult>;
  retry: (jobId: string) => Promise<ActionResult>;
  editScene: (jobId: string, sceneId: string, changes: unknown) => Promise<ActionResult>;
  regenerateScene: (jobId: string, sceneId: string) => Promise<ActionResult>;
  removeScene: (jobId: string, sceneId: string) => Promise<ActionResult>;
  moveScene: (jobId: string, sceneId: string, direction: number) => Promise<ActionResult>;
}
