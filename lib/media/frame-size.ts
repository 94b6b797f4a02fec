import { asAspectRatio, type AspectRatio } from "@/lib/vocabulary";

const FRAME_SIZES: Record<AspectRatio, { width: number; height: number }> = {
  "16:9": { width: 1280, height: 720 },
  "9:16": { width: 720, height: 1280 },
  "1:1": { width: 720, height: 720 },
};

export function frameSize(aspectRatio: string): { width: number; height: number } {
  return FRAME_SIZES[asAspectRatio(aspectRatio)];
}

export const FRAME_RATE = 24;
/** Crossfade between scenes; every clip carries this much extra so the cut keeps the scene's full length. */
export const CROSSFADE_SECONDS = 0.5;
