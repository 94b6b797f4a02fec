import { sceneDraftsSchema } from "@/lib/jobs/schemas";
import { MOTIONS, SCENE_LIMITS } from "@/lib/vocabulary";
import { NO_HOOKS, type CallHooks, type SceneDraft, type SceneWriter, type WriteScenesInput } from "../types";
import type { WriterModel } from "./model-table";
import { ReplicateError } from "./replicate-errors";
import type { ReplicateRuntime } from "./runtime";
import { runPrediction } from "./run-prediction";

const SYSTEM = [
  "You split a video idea into scenes for a short video.",
  "Answer with JSON only: an array of objects with the keys",
  `"caption" (one short sentence shown on screen, at most ${SCENE_LIMITS.captionMaxChars} characters),`,
  `"imagePrompt" (a vivid visual description of the scene's still, at most ${SCENE_LIMITS.imagePromptMaxChars} characters),`,
  `"motion" (one of ${MOTIONS.map((m) => `"${m}"`).join(", ")})`,
  `and "durationSec" (seconds on screen, a number from ${SCENE_LIMITS.minSeconds} to ${SCENE_LIMITS.maxSeconds}).`,
].join(" ");

/** The first JSON array in the model's answer; LLMs like to wrap it in prose or code fences. */
export function parseSceneJson(text: string): unknown {
  const start = text.indexOf("[");
  const end = text.lastIndexOf("]");
  if (start < 0 || end <= start) throw new Error("no JSON array in the answer");
  return JSON.parse(text.slice(start, end + 1));
}

const outputText = (output: unknown) => (Array.isArray(output) ? output.join("") : String(output ?? ""));

/** The scenes in the model's answer, checked by the same schema the pipeline uses; else why not, for the repair request. */
function readScenes(answer: string, count: number): { scenes: SceneDraft[] } | { problem: string } {
  let value: unknown;
  try {
    value = parseSceneJson(answer);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  const parsed = sceneDraftsSchema(count).safeParse(value);
  if (parsed.success) return { scenes: parsed.data };
  const first = parsed.error.issues[0];
  return { problem: `${first?.path.length ? `at ${first.path.join(".")}: ` : ""}${first?.message ?? "unusable"}` };
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
      const checked = readScenes(first, input.sceneCount);
      if ("scenes" in checked) return checked.scenes;
      // One repair: show the model its answer and what was wrong with it.
      const repairRequest = `${request}\n\nYour previous answer could not be used (${checked.problem}):\n${first.slice(0, 4000)}\n\nAnswer again with the JSON array only.`;
      const repaired = readScenes(
        await ask(repairRequest, { ...hooks, resumeExternalId: null, lostCreateSince: null }, signal),
        input.sceneCount,
      );
      if ("scenes" in repaired) return repaired.scenes;
      throw new ReplicateError(
        "invalid",
        "The scene writer's answer could not be used as scenes, even after asking it to correct itself.",
      );
    },
  };
}
