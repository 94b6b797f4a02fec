import type { AspectRatio, Motion, Style } from "@/lib/jobs/schemas";

export interface SceneDraft {
  caption: string;
  imagePrompt: string;
  motion: Motion;
  durationSec: number;
}

export interface WriteScenesInput {
  prompt: string;
  sceneCount: number;
  style: Style;
  targetSeconds?: number;
  seed: number;
}

export interface DrawStillInput {
  imagePrompt: string;
  style: Style;
  aspectRatio: AspectRatio;
  seed: number;
  /** The whole story, so stills of one video share a world. */
  storyPrompt?: string;
}

export interface AnimateInput {
  stillPath: string;
  motion: Motion;
  durationSec: number;
  aspectRatio: AspectRatio;
  outPath: string;
}

/** prompt -> ordered scenes */
export interface SceneWriter {
  readonly model: string;
  writeScenes(input: WriteScenesInput, signal: AbortSignal): Promise<SceneDraft[]>;
}

/** scene -> still image (JPEG bytes) */
export interface Illustrator {
  readonly model: string;
  drawStill(input: DrawStillInput, signal: AbortSignal): Promise<Buffer>;
}

/** still + motion -> H.264 clip written to outPath */
export interface Animator {
  readonly model: string;
  animate(input: AnimateInput, signal: AbortSignal): Promise<void>;
}

export interface GenerationBackend {
  readonly name: "local" | "replicate";
  readonly sceneWriter: SceneWriter;
  readonly illustrator: Illustrator;
  readonly animator: Animator;
}
