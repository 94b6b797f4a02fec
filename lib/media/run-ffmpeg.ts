import fs from "node:fs";
import os from "node:os";
import { getEnv } from "@/lib/env";
import { metrics } from "@/lib/metrics/metrics";
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
export function runFfmpeg(args: string[], signal?: AbortSignal, onStdout?: (chunk: string) => void): Promise<string> {
  return ffmpegSlots().run(() => timed(runProcess(ffmpegPath(), args, signal, onStdout), signal, args), signal);
}

/** With the text files a filter reads (captions, deleted after the run), so the command can be run again. */
function logCommand(args: string[], seconds: number): void {
  const log = getEnv().FFMPEG_COMMAND_LOG;
  if (!log) return;
  const files = Object.fromEntries(
    args.flatMap((a) => [...a.matchAll(/textfile='([^']+)'/g)]).map(([, file]) => [file!, fs.readFileSync(file!, "utf8")]),
  );
  fs.appendFileSync(log, `${JSON.stringify({ args, seconds, files })}\n`);
}

/** Counted from when it starts, not from when it asked for a slot. */
async function timed<T>(run: Promise<T>, signal: AbortSignal | undefined, args: string[]): Promise<T> {
  const started = process.hrtime.bigint();
  let outcome = "ok";
  try {
    return await run;
  } catch (error) {
    outcome = signal?.aborted ? "aborted" : "failed";
    throw error;
  } finally {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics().ffmpegDuration.observe({ outcome }, seconds);
    if (outcome === "ok") logCommand(args, seconds);
  }
}

/**
 * Reads ffmpeg's `-progress pipe:1` report (key=value lines, `out_time_ms` in microseconds despite its name) and
 * calls `onSeconds` with how much of the output is written.
 */
export function progressReader(onSeconds: (seconds: number) => void): (chunk: string) => void {
  let pending = "";
  return (chunk) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const match = /^out_time_ms=(\d+)/.exec(line.trim());
      if (match) onSeconds(Number(match[1]) / 1e6);
    }
  };
}
