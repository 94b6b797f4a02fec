import os from "node:os";
import { getEnv } from "@/lib/env";
import { Semaphore } from "@/lib/util/semaphore";
import { ffmpegPath } from "./binaries";
import { runProcess } from "./run-process";

// One encoder already uses every core it can get, so a few at once only make each one slower.
const globalForSlots = globalThis as unknown as { storyreelFfmpegSlots?: Semaphore };

function ffmpegSlots(): Semaphore {
  return (globalForSlots.storyreelFfmpegSlots ??= new Semaphore(
    getEnv().FFMPEG_CONCURRENCY ?? Math.max(1, Math.floor(os.availableParallelism() / 2)),
  ));
}

/** Runs ffmpeg once a slot is free (FFMPEG_CONCURRENCY per process); the signal kills it or gives up the wait. */
export function runFfmpeg(args: string[], signal?: AbortSignal): Promise<string> {
  return ffmpegSlots().run(() => runProcess(ffmpegPath(), args, signal), signal);
}
