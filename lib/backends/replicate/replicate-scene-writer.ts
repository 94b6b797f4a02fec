import { MOTIONS, PROMPT_LIMITS, SCENE_COUNT_LIMITS, SCENE_LIMITS, STYLES, TARGET_SECONDS_LIMITS } from "@/lib/vocabulary";
import { writeLocalScenes } from "../local/local-scene-writer";
import { readSceneAnswer } from "../scene-answer";
import { NO_HOOKS, type CallHooks, type SceneWriter, type WriteScenesInput, type WrittenScenes } from "../types";
import { writerCost, writerMaxCostUsd } from "./billing";
import type { WriterModel } from "./model-table";
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

const outputText = (output: unknown) => (Array.isArray(output) ? output.join("") : String(output ?? ""));

export const FALLBACK_NOTE =
  "The scene writer's answer was unusable, so the scenes were split from your prompt instead. Review them before you approve.";

type SceneRequest = Pick<WriteScenesInput, "prompt" | "style" | "sceneCount" | "targetSeconds">;

const sceneRequest = (input: SceneRequest) =>
  `Video idea (${input.style} style, exactly ${input.sceneCount} scenes${input.targetSeconds ? `, about ${input.targetSeconds} seconds in all` : ""}):\n${input.prompt}`;

/**
 * The most the scene writer's first call can cost for any video a person may ask for (the longest prompt, every
 * character four bytes): held when a job is created, before its prompt's own call is priced. A repair call, when
 * the first answer is unusable, is held on its own before it is made.
 */
export function sceneWriterHoldUsd(model: WriterModel): number {
  const longest = sceneRequest({
    prompt: "\u{10FFFF}".repeat(PROMPT_LIMITS.maxChars),
    style: [...STYLES].sort((a, b) => b.length - a.length)[0]!,
    sceneCount: SCENE_COUNT_LIMITS.max,
    targetSeconds: TARGET_SECONDS_LIMITS.max,
  });
  return writerMaxCostUsd(model, model.input({ system: SYSTEM, prompt: longest }));
}

export function replicateSceneWriter(runtime: ReplicateRuntime, model: WriterModel): SceneWriter {
  const ask = (prompt: string, hooks: CallHooks, signal: AbortSignal) => {
    const input = model.input({ system: SYSTEM, prompt });
    return runPrediction(
      runtime.api,
      runtime.resilience,
      {
        model: model.ref,
        input,
        deadlineSec: runtime.deadlines.parsingSec,
        pollMs: runtime.pollMs ?? model.pollMs,
        maxRetries: 3,
        cost: (prediction) => writerCost(model, prediction),
        maxCostUsd: writerMaxCostUsd(model, input),
        accept: async (prediction) => outputText(prediction.output),
      },
      hooks,
      signal,
    );
  };

  return {
    model: model.ref,
    async writeScenes(input: WriteScenesInput, signal: AbortSignal, hooks: CallHooks = NO_HOOKS): Promise<WrittenScenes> {
      const request = sceneRequest(input);
      const first = await ask(request, hooks, signal);
      const checked = readSceneAnswer(first, input.sceneCount);
      if ("scenes" in checked) return { scenes: checked.scenes };
      // One repair: show the model its answer and what was wrong with it.
      const repairRequest = `${request}\n\nYour previous answer could not be used (${checked.problem}):\n${first.slice(0, 4000)}\n\nAnswer again with the JSON array only.`;
      const repaired = readSceneAnswer(
        await ask(repairRequest, { ...hooks, resumeExternalId: null, lostCreateSince: null }, signal),
        input.sceneCount,
      );
      if ("scenes" in repaired) return { scenes: repaired.scenes };
      // Still unusable: the person reviews the storyboard anyway, so split the prompt here rather than fail.
      return { scenes: writeLocalScenes(input), note: FALLBACK_NOTE };
    },
  };
}
