"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/define-action";
import { editScene, moveScene, regenerateScene, removeScene } from "@/lib/jobs/edit-storyboard";
import { limitRegeneration } from "@/lib/auth/limits";
import { approveStoryboard, cancelJob, retryFailedJob } from "@/lib/jobs/review-actions";
import { editSceneSchema, jobIdSchema, sceneIdSchema } from "@/lib/jobs/schemas";

// Every action parses its one argument and re-checks the owner (in lib): the caller is never trusted.
const job = z.strictObject({ jobId: jobIdSchema });
const scene = job.extend({ sceneId: sceneIdSchema });

export const approveStoryboardAction = defineAction(job, ({ jobId }, caller) => approveStoryboard(caller.clientId, jobId));

export const cancelJobAction = defineAction(job, ({ jobId }, caller) => cancelJob(caller.clientId, jobId));

export const retryJobAction = defineAction(job, ({ jobId }, caller) => retryFailedJob(caller.clientId, jobId));

export const editSceneAction = defineAction(scene.extend({ changes: editSceneSchema }), ({ jobId, sceneId, changes }, caller) =>
  editScene(caller.clientId, jobId, sceneId, changes),
);

export const regenerateSceneAction = defineAction(scene, async ({ jobId, sceneId }, caller) => {
  await limitRegeneration(caller.clientId);
  await regenerateScene(caller.clientId, jobId, sceneId);
});

export const removeSceneAction = defineAction(scene, ({ jobId, sceneId }, caller) =>
  removeScene(caller.clientId, jobId, sceneId),
);

export const moveSceneAction = defineAction(
  scene.extend({
    direction: z.union([z.literal(-1), z.literal(1)], { error: "A scene moves one place earlier (-1) or later (1)." }),
  }),
  ({ jobId, sceneId, direction }, caller) => moveScene(caller.clientId, jobId, sceneId, direction),
);
