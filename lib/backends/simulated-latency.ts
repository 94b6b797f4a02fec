import { setTimeout as sleep } from "node:timers/promises";
import type { GenerationBackend } from "./types";

/**
 * The local back end answers in milliseconds; a real model API takes seconds. This wrapper makes every
 * call wait first (abortably), so demos and the crash tests can watch, cancel and kill a job mid-stage.
 */
export function withSimulatedLatency(backend: GenerationBackend, ms: number): GenerationBackend {
  if (ms <= 0) return backend;
  return {
    ...backend,
    sceneWriter: {
      ...backend.sceneWriter,
      writeScenes: async (input, signal) => (
        await sleep(ms, undefined, { signal }),
        backend.sceneWriter.writeScenes(input, signal)
      ),
    },
    illustrator: {
      ...backend.illustrator,
      drawStill: async (input, signal) => (await sleep(ms, undefined, { signal }), backend.illustrator.drawStill(input, signal)),
    },
    narrator: {
      ...backend.narrator,
      speak: async (input, outPath, signal) => (
        await sleep(ms, undefined, { signal }),
        backend.narrator.speak(input, outPath, signal)
      ),
    },
    animator: {
      ...backend.animator,
      animate: async (input, signal) => (await sleep(ms, undefined, { signal }), backend.animator.animate(input, signal)),
    },
  };
}
