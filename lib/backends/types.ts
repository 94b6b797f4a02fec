import type { Backend } from "@/lib/db/generated/enums";
import type { SceneDraft } from "@/lib/jobs/schemas";
import type { AspectRatio, Motion, Style, VoiceId } from "@/lib/vocabulary";

export type { SceneDraft };

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
  /** The person's reference image (a file): every still follows its look, so characters and style stay one. */
  referencePath?: string;
  /** The scene's planned camera move, so the still leaves room for it. */
  motion?: Motion;
}

export interface AnimateInput {
  /** The clip's first frame: the scene's still, or the previous clip's last frame when scenes are chained. */
  stillPath: string;
  /** The frame the clip ends on (the next scene's still) when scenes are continuous. */
  endStillPath?: string;
  /** What the scene shows, so a model that moves the picture knows what it is moving. */
  scenePrompt: string;
  motion: Motion;
  durationSec: number;
  aspectRatio: AspectRatio;
  /** Different for every scene and redraw, so two clips of one job never send the same input. */
  seed: number;
  outPath: string;
}

/**
 * How a call reports to the generation ledger. The local back end needs none of it; a remote one records
 * its prediction id the moment it exists, resumes a recorded one instead of paying for another, and
 * reports what the call cost.
 */
export interface CallHooks {
  /** A prediction an earlier attempt of this very call started: poll it rather than create another. */
  resumeExternalId?: string | null;
  /**
   * An earlier attempt of this call died between sending its create and recording the answer: a
   * prediction made since this time may be ours, and is adopted rather than paid for again.
   */
  lostCreateSince?: Date | null;
  onExternalId(id: string): Promise<void>;
  /** Whether some ledger row already owns this prediction (so a lost create is not adopted twice). */
  isRecorded(id: string): Promise<boolean>;
  /** Before a prediction that can be billed at most `maxUsd` is created: throws when the budget cannot hold it. */
  beforeBilledCall?(maxUsd: number): Promise<void>;
  /** A billed prediction: what it cost and what that was computed from. */
  addCost(cost: { usd: number; basis: string }): void;
  /** The call waits because the API is down (a sentence for the person), or goes on again (null). */
  onPause(reason: string | null): Promise<void>;
}

export const NO_HOOKS: CallHooks = {
  onExternalId: async () => undefined,
  isRecorded: async () => false,
  addCost: () => undefined,
  onPause: async () => undefined,
};

export interface WrittenScenes {
  scenes: SceneDraft[];
  /** How the scenes came to be, when the person should know (the writer's answer was unusable, say). */
  note?: string;
}

/** prompt -> ordered scenes */
export interface SceneWriter {
  readonly model: string;
  writeScenes(input: WriteScenesInput, signal: AbortSignal, hooks?: CallHooks): Promise<WrittenScenes>;
}

/** scene -> still image (JPEG bytes) */
export interface Illustrator {
  readonly model: string;
  drawStill(input: DrawStillInput, signal: AbortSignal, hooks?: CallHooks): Promise<Buffer>;
}

/** caption -> spoken WAV written to outPath; resolves with its length in seconds */
export interface Narrator {
  readonly model: string;
  speak(input: { text: string; voice: VoiceId }, outPath: string, signal: AbortSignal, hooks?: CallHooks): Promise<number>;
}

/** still + motion -> H.264 clip written to outPath */
export interface Animator {
  readonly model: string;
  /** Writes the scene's camera move (lib/media/scene-move.ts) for the stitch to draw, not a video. */
  readonly recordsMoves?: boolean;
  animate(input: AnimateInput, signal: AbortSignal, hooks?: CallHooks): Promise<void>;
}

export interface GenerationBackend {
  readonly name: Backend;
  readonly sceneWriter: SceneWriter;
  readonly illustrator: Illustrator;
  readonly animator: Animator;
  readonly narrator: Narrator;
}
