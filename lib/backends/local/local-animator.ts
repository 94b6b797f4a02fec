import fsp from "node:fs/promises";
import { frameSize, h264OutputArgs } from "@/lib/media/frame-size";
import { runFfmpeg } from "@/lib/media/run-ffmpeg";
import { moveFilter, moveFrames, moveStillPath, type SceneMove } from "@/lib/media/scene-move";
import { keyForPath } from "@/lib/storage/file-storage";
import type { AnimateInput, Animator } from "../types";

/** The scene's camera move, recorded for the stitch to draw: nothing is encoded here. */
export async function recordLocalMove(input: AnimateInput, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  const move: SceneMove = {
    kind: "storyreel-move",
    still: keyForPath(input.stillPath),
    motion: input.motion,
    durationSec: input.durationSec,
    ...frameSize(input.aspectRatio),
  };
  await fsp.writeFile(input.outPath, JSON.stringify(move));
}

/** A move encoded on its own (H.264, yuv420p, exact frame count): for a project ZIP, which carries clips as videos. */
export async function encodeMove(move: SceneMove, outPath: string, signal?: AbortSignal): Promise<void> {
  const frames = moveFrames(move);
  await runFfmpeg(
    [
      ...["-y", "-loglevel", "error", "-i", moveStillPath(move)],
      ...["-vf", moveFilter(move.motion, frames, move), "-frames:v", String(frames)],
      ...h264OutputArgs(outPath),
    ],
    signal,
  );
}

/** The move's last frame as a JPEG, drawn from the still alone: the first frame of the next chained scene. */
export async function moveLastFrame(move: SceneMove, outPath: string, signal?: AbortSignal): Promise<void> {
  const filter = moveFilter(move.motion, moveFrames(move), move, true);
  await runFfmpeg(
    ["-y", "-loglevel", "error", "-i", moveStillPath(move), "-vf", filter, "-frames:v", "1", "-q:v", "2", outPath],
    signal,
  );
}

export const localAnimator: Animator = {
  model: "local/ffmpeg-kenburns-v1",
  recordsMoves: true,
  animate: recordLocalMove,
};
