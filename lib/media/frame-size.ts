import { asAspectRatio, type AspectRatio } from "@/lib/vocabulary";

export interface FrameSize {
  width: number;
  height: number;
}

const FRAME_SIZES: Record<AspectRatio, FrameSize> = {
  "16:9": { width: 1280, height: 720 },
  "9:16": { width: 720, height: 1280 },
  "1:1": { width: 720, height: 720 },
};

export function frameSize(aspectRatio: string): FrameSize {
  return FRAME_SIZES[asAspectRatio(aspectRatio)];
}

export const FRAME_RATE = 24;
/** Crossfade between scenes; every clip carries this much extra so the cut keeps the scene's full length. */
export const CROSSFADE_SECONDS = 0.5;

/** How every clip and final video is encoded, so clips concatenate and players start before the end arrives. */
export const h264OutputArgs = (outPath: string, audioArgs: string[] = ["-an"]): string[] => [
  ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-pix_fmt", "yuv420p", "-r", String(FRAME_RATE)],
  ...["-movflags", "+faststart", ...audioArgs, "-f", "mp4", outPath],
];
