"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/define-action";
import { addScene, editScene, moveScene, regenerateScene, removeScene, setMusic } from "@/lib/jobs/edit-storyboard";
import { limitRegeneration } from "@/lib/auth/limits";
import { approveStoryboard, cancelJob, retryFailedJob } from "@/lib/jobs/review-actions";
import {
  addSceneSchema,
  editSceneSchema,
  jobIdSchema,
  sceneIdSchema,
  setMusicSchema,
  versionNumberSchema,
} from "@/lib/jobs/schemas";
import { makeVersionCurrent } from "@/lib/versions/make-current";
import { startNewVersion } from "@/lib/versions/start-version";

// Every action parses its one argument and re-checks the owner (in lib): the caller is never trusted.
const job = z.strictObject({ jobId: jobIdSchema });
const scene = job.extend({ sceneId: sceneIdSchema });

export const approveStoryboardAction = defineAction(job, ({ jobId }, caller) => approveStoryboard(caller.userId, jobId));

export const cancelJobAction = defineAction(job, ({ jobId }, caller) => cancelJob(caller.userId, jobId));

export const retryJobAction = defineAction(job, ({ jobId }, caller) => retryFailedJob(caller.userId, jobId));

export const editSceneAction = defineAction(scene.extend({ changes: editSceneSchema }), ({ jobId, sceneId, changes }, caller) =>
  editScene(caller.userId, jobId, sceneId, changes),
);

export const regenerateSceneAction = defineAction(scene, async ({ jobId, sceneId }, caller) => {
  await limitRegeneration(caller.userId);
  await regenerateScene(caller.userId, jobId, sceneId);
});

export const removeSceneAction = defineAction(scene, ({ jobId, sceneId }, caller) => removeScene(caller.userId, jobId, sceneId));

export const moveSceneAction = defineAction(
  scene.extend({
    direction: z.union([z.literal(-1), z.literal(1)], { error: "A scene moves one place earlier (-1) or later (1)." }),
  }),
  ({ jobId, sceneId, direction }, caller) => moveScene(caller.userId, jobId, sceneId, direction),
);

export const addSceneAction = defineAction(job.extend({ scene: addSceneSchema }), async ({ jobId, scene }, caller) => {
  await limitRegeneration(caller.userId);
  await addScene(caller.userId, jobId, scene);
});

export const setMusicAction = defineAction(job.extend(setMusicSchema.shape), ({ jobId, uploadId }, caller) =>
  setMusic(caller.userId, jobId, uploadId),
);

export const renderNewVersionAction = defineAction(job, async ({ jobId }, caller) => {
  await startNewVersion(caller.userId, jobId);
});

export const makeVersionCurrentAction = defineAction(job.extend({ version: versionNumberSchema }), ({ jobId, version }, caller) =>
  makeVersionCurrent(caller.userId, jobId, version),
);
