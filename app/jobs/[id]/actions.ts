"use server";

import { z } from "zod";
import { getCurrentClientId } from "@/lib/clients/current-client";
import { editScene, moveScene, regenerateScene, removeScene } from "@/lib/jobs/edit-storyboard";
import { approveStoryboard, cancelJob, retryFailedJob } from "@/lib/jobs/review-actions";
import { editSceneSchema, jobIdSchema } from "@/lib/jobs/schemas";
import { runAction, type ActionResult } from "@/lib/http/action-result";

// Every action re-validates its arguments and re-checks the owner: the caller is never trusted.
const ids = z.object({ jobId: jobIdSchema, sceneId: jobIdSchema.optional() });

export async function approveStoryboardAction(jobId: string): Promise<ActionResult> {
  return runAction(async () => approveStoryboard(await getCurrentClientId(), ids.parse({ jobId }).jobId));
}

export async function cancelJobAction(jobId: string): Promise<ActionResult> {
  return runAction(async () => cancelJob(await getCurrentClientId(), ids.parse({ jobId }).jobId));
}

export async function retryJobAction(jobId: string): Promise<ActionResult> {
  return runAction(async () => retryFailedJob(await getCurrentClientId(), ids.parse({ jobId }).jobId));
}

export async function editSceneAction(jobId: string, sceneId: string, changes: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const parsed = ids.parse({ jobId, sceneId });
    await editScene(await getCurrentClientId(), parsed.jobId, sceneId, editSceneSchema.parse(changes));
  });
}

export async function regenerateSceneAction(jobId: string, sceneId: string): Promise<ActionResult> {
  return runAction(async () => regenerateScene(await getCurrentClientId(), ids.parse({ jobId, sceneId }).jobId, sceneId));
}

export async function removeSceneAction(jobId: string, sceneId: string): Promise<ActionResult> {
  return runAction(async () => removeScene(await getCurrentClientId(), ids.parse({ jobId, sceneId }).jobId, sceneId));
}

export async function moveSceneAction(jobId: string, sceneId: string, direction: number): Promise<ActionResult> {
  return runAction(async () => {
    const parsed = ids.parse({ jobId, sceneId });
    const step = z.union([z.literal(-1), z.literal(1)]).parse(direction);
    await moveScene(await getCurrentClientId(), parsed.jobId, sceneId, step);
  });
}
