import { MOTIONS } from "@/lib/jobs/schemas";
import { NO_HOOKS, type CallHooks, type SceneDraft, type SceneWriter, type WriteScenesInput } from "../types";
import type { WriterModel } from "./model-table";
import { ReplicateError } from "./replicate-errors";
import type { ReplicateRuntime } from "./runtime";
import { runPrediction } from "./run-prediction";

const SYSTEM = [
  "You split a video idea into scenes for a short video.",
  "Answer with JSON only: an array of objects with the keys",
  '"caption" (one short sentence shown on screen), "imagePrompt" (a vivid visual description of the scene\'s still),',
  `"motion" (one of ${MOTIONS.map((m) => `"${m}"`).join(", ")}) and "durationSec" (a number from 2 to 8).`,
].join(" ");

/** The first JSON array in the model's answer; LLMs like to wrap it in prose or code fences. */
export function parseSceneJson(text: string): unknown {
  const start = text.indexOf("[");
  const end = text.lastIndexOf("]");
  if (start < 0 || end <= start) throw new Error("no JSON array in the answer");
  return JSON.parse(text.slice(start, end + 1));
}

const outputText = (output: unknown) => (Array.isArray(output) ? output.join("") : String(output ?? ""));

function looksLikeScenes(value: unknown, count: number): value is SceneDraft[] {
  return (
    Array.isArray(value) &&
    value.length === count &&
    value.every(
      (s) =>
        s && typeof s.caption === "string" && typeof s.imagePrompt === "string" && (MOTIONS as readonly string[]).includes(s.motion) && typeof s.durationSec === "number",
    )
  );
}

export function replicateSceneWriter(runtime: ReplicateRuntime, model: WriterModel): SceneWriter {
  const ask = (prompt: string, hooks: CallHooks, signal: AbortSignal) =>
    runPrediction(
      runtime.api,
      runtime.resilience,
      {
        model: model.ref,
        input: model.input({ system: SYSTEM, prompt }),
        deadlineSec: runtime.deadlines.parsingSec,
        pollMs: runtime.pollMs ?? model.pollMs,
        maxRetries: 3,
        priceUsd: model.perRunUsd,
        accept: async (prediction) => outputText(prediction.output),
      },
      hooks,
      signal,
    );

  return {
    model: model.ref,
    async writeScenes(input: WriteScenesInput, signal: AbortSignal, hooks: CallHooks = NO_HOOKS): Promise<SceneDraft[]> {
      const request = `Video idea (${input.style} style, exactly ${input.sceneCount} scenes${input.targetSeconds ? `, about ${input.targetSeconds} seconds in all` : ""}):\n${input.prompt}`;
      const first = await ask(request, hooks, signal);
      let problem: string;
      try {
        const scenes = parseSceneJson(first);
        if (looksLikeScenes(scenes, input.sceneCount)) return scenes;
        problem = `it must be an array of exactly ${input.sceneCount} objects with caption, imagePrompt, motion and durationSec`;
      } catch (error) {
        problem = (error as Error).message;
      }
      // One repair: show the model its answer and what was wrong with it.
      const repaired = await ask(`${request}\n\nYour previous answer could not be used (${problem}):\n${first.slice(0, 4000)}\n\nAnswer again with the JSON array only.`, { ...hooks, resumeExternalId: null, lostCreateSince: null }, signal);
      try {
        const scenes = parseSceneJson(repaired);
        if (looksLikeScenes(scenes, input.sceneCount)) return scenes;
      } catch {
        // falls through to the failure below
      }
      throw new ReplicateError("invalid", "The scene writer's answer was not usable JSON, even after asking it to correct itself.");
    },
  };
}
