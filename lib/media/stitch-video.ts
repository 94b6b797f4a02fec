import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { captionFontPath } from "./binaries";
import { wrapCaption, sceneStarts } from "./caption-lines";
import { CROSSFADE_SECONDS, FRAME_RATE, frameSize, h264OutputArgs, type FrameSize } from "./frame-size";
import { progressReader, runFfmpeg } from "./run-ffmpeg";
import { isMovePath, moveFilter, moveFrames, moveStillPath, readMove } from "./scene-move";
import { AAC_OUTPUT_ARGS, AUDIO_RATE, soundtrackGraph, soundtrackInputs, type SoundtrackInput } from "./soundtrack";

export interface StitchScene {
  /** A video (a model's clip as it came, any size and rate) or a recorded camera move (`.move.json`). */
  clipPath: string;
  caption: string;
  durationSec: number;
}

export interface StitchInput {
  scenes: StitchScene[];
  /** Per scene its narration (or null), and the music bed (or null): silence when there is neither. */
  sound: Omit<SoundtrackInput, "durations">;
  /** The job's frame, from its aspect ratio; `frame` (an export's) wins when given. */
  aspectRatio?: string;
  frame?: FrameSize;
  /** How a clip fills a frame of another shape: cropped to its centre, or whole on a blurred copy of itself. */
  fit?: StitchFit;
  container?: StitchContainer;
  outPath: string;
  /** A poster frame is taken from the result when given. */
  posterPath?: string;
  /** Only the first seconds (a preview, a poster). */
  limitSec?: number;
  /** 0..1 as ffmpeg writes the result. */
  onProgress?: (fraction: number) => void;
  signal: AbortSignal;
}

export type StitchFit = "cover" | "blur";
export type StitchContainer = "mp4" | "webm";

/** Where the normal poster is taken: a second in, or a third of a short video. */
export const posterTimeSec = (totalSec: number) => Math.min(1, totalSec / 3);

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** One clip scaled into the frame: cover crops to the centre; blur shows it whole over a blurred, enlarged copy. */
function fitFilter(input: string, { width, height }: FrameSize, fit: StitchFit, out: string): string[] {
  if (fit === "cover") {
    return [`[${input}]scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height}[${out}]`];
  }
  // The blur runs on an eighth of the frame and is scaled up after: as soft, far cheaper.
  const [bw, bh] = [even(width / 8), even(height / 8)];
  const contain = (side: "iw" | "ih") => `2*trunc(min(${width}/iw\\,${height}/ih)*${side}/2)`;
  return [
    `[${input}]split=2[${out}b][${out}f]`,
    `[${out}b]scale=${bw}:${bh}:force_original_aspect_ratio=increase,crop=${bw}:${bh},boxblur=6:2,scale=${width}:${height}[${out}bg]`,
    `[${out}f]scale=w=${contain("iw")}:h=${contain("ih")}[${out}fg]`,
    `[${out}bg][${out}fg]overlay=x=(W-w)/2:y=(H-h)/2[${out}]`,
  ];
}

function encoderArgs(container: StitchContainer, outPath: string, { width, height }: FrameSize): string[] {
  if (container === "mp4") return h264OutputArgs(outPath, AAC_OUTPUT_ARGS);
  // VP9 at "good" speed 5: a few times slower than x264 veryfast here, at a bitrate that follows the frame's size.
  const kbps = Math.round((width * height * FRAME_RATE * 0.06) / 1000);
  return [
    ...["-c:v", "libvpx-vp9", "-deadline", "good", "-cpu-used", "5", "-row-mt", "1", "-b:v", `${kbps}k`],
    ...["-pix_fmt", "yuv420p", "-r", String(FRAME_RATE)],
    ...["-c:a", "libopus", "-b:a", "128k", "-ar", String(AUDIO_RATE), "-ac", "2", "-f", "webm", outPath],
  ];
}

const escapeFilterPath = (p: string) => p.replace(/\\/g, "\\\\").replace(/:/g, "\\:").replace(/'/g, "\\'");

function captionFilters(scenes: StitchScene[], starts: number[], width: number, height: number, files: string[][]): string[] {
  const fontSize = Math.round(Math.min(width, height) * 0.05);
  const lineHeight = Math.round(fontSize * 1.5);
  const font = escapeFilterPath(captionFontPath());
  const filters: string[] = [];
  scenes.forEach((scene, i) => {
    const from = (starts[i] ?? 0) + (i > 0 ? CROSSFADE_SECONDS / 2 : 0.1);
    const to = (starts[i] ?? 0) + scene.durationSec + (i < scenes.length - 1 ? CROSSFADE_SECONDS / 2 : -0.1);
    const alpha = `if(lt(t,${from + 0.25}),(t-${from})/0.25,if(gt(t,${to - 0.25}),(${to}-t)/0.25,1))`;
    const lines = files[i] ?? [];
    const blockTop = height - Math.round(height * 0.08) - lines.length * lineHeight;
    lines.forEach((file, line) => {
      filters.push(
        `drawtext=fontfile='${font}':textfile='${escapeFilterPath(file)}':expansion=none:fontsize=${fontSize}:fontcolor=white` +
          `:box=1:boxcolor=black@0.5:boxborderw=${Math.round(fontSize * 0.35)}:x=(w-text_w)/2:y=${blockTop + line * lineHeight}` +
          `:enable='between(t,${from.toFixed(3)},${to.toFixed(3)})':alpha='${alpha}'`,
      );
    });
  });
  return filters;
}

/** Each scene's input and the filter that turns it into frames of its own size: a move is drawn from its still. */
async function sceneSources(scenes: StitchScene[]): Promise<{ inputs: string[]; filters: string[] }> {
  const inputs: string[] = [];
  const filters: string[] = [];
  for (const [i, scene] of scenes.entries()) {
    if (!isMovePath(scene.clipPath)) {
      inputs.push(scene.clipPath);
      filters.push(`[${i}:v]null[s${i}]`);
      continue;
    }
    const move = await readMove(scene.clipPath);
    inputs.push(moveStillPath(move));
    filters.push(`[${i}:v]${moveFilter(move.motion, moveFrames(move), move)}[s${i}]`);
  }
  return { inputs, filters };
}

/**
 * Clips -> final.mp4: each clip carries CROSSFADE_SECONDS of extra tail that the next clip fades in over,
 * so the video lasts exactly the scenes' total. Crossfades are alpha overlays on a black canvas because the
 * ffmpeg shipped on npm predates the xfade filter. Captions are burned in with a bundled font. The sound is AAC
 * always (narration, music, or silence), so every player treats every video alike. Moves are drawn here from their
 * stills and model clips are scaled, paced and held on their last frame here, so every frame is encoded once.
 */
export async function stitchVideo(input: StitchInput): Promise<{ durationSec: number }> {
  if (!input.frame && !input.aspectRatio) throw new Error("stitchVideo needs a frame or an aspect ratio.");
  const frame = input.frame ?? frameSize(input.aspectRatio!);
  const { width, height } = frame;
  const durations = input.scenes.map((s) => s.durationSec);
  const starts = sceneStarts(durations);
  const total = durations.reduce((a, b) => a + b, 0);
  const length = Math.min(total, input.limitSec ?? total);
  const workDir = await fsp.mkdtemp(path.join(os.tmpdir(), "storyreel-stitch-"));
  try {
    const maxChars = Math.floor((width * 0.86) / (Math.min(width, height) * 0.05 * 0.62));
    const files: string[][] = [];
    for (const [i, scene] of input.scenes.entries()) {
      const lines = wrapCaption(scene.caption, maxChars);
      const names = lines.map((_, l) => path.join(workDir, `caption-${i}-${l}.txt`));
      await Promise.all(lines.map((text, l) => fsp.writeFile(names[l]!, text)));
      files.push(names);
    }
    const sources = await sceneSources(input.scenes);
    const graph: string[] = [
      ...sources.filters,
      `color=c=black:s=${width}x${height}:r=${FRAME_RATE}:d=${(total + CROSSFADE_SECONDS).toFixed(3)}[base]`,
    ];
    let previous = "base";
    input.scenes.forEach((scene, i) => {
      const clipLength = scene.durationSec + (i < input.scenes.length - 1 ? CROSSFADE_SECONDS : 0);
      const fadeIn = i > 0 ? `,fade=t=in:st=0:d=${CROSSFADE_SECONDS}:alpha=1` : "";
      graph.push(
        ...fitFilter(`s${i}`, frame, input.fit ?? "cover", `f${i}`),
        `[f${i}]fps=${FRAME_RATE},tpad=stop_mode=clone:stop_duration=${clipLength.toFixed(3)},` +
          `trim=duration=${clipLength.toFixed(3)},setpts=PTS-STARTPTS,format=yuva420p${fadeIn},setpts=PTS+${(starts[i] ?? 0).toFixed(3)}/TB[c${i}]`,
      );
      graph.push(`[${previous}][c${i}]overlay=eof_action=pass:format=auto[o${i}]`);
      previous = `o${i}`;
    });
    graph.push(
      `[${previous}]${[...captionFilters(input.scenes, starts, width, height, files), "format=yuv420p"].join(",")}[out]`,
    );
    const sound = { ...input.sound, durations };
    graph.push(...soundtrackGraph(sound, input.scenes.length));
    const args = ["-y", "-loglevel", "error"];
    if (input.onProgress) args.push("-progress", "pipe:1", "-nostats");
    for (const file of sources.inputs) args.push("-i", file);
    for (const file of soundtrackInputs(sound)) args.push("-i", file);
    args.push(
      ...["-filter_complex", graph.join(";"), "-map", "[out]", "-map", "[aout]", "-t", length.toFixed(3)],
      ...encoderArgs(input.container ?? "mp4", input.outPath, frame),
    );
    const onProgress = input.onProgress;
    const report = onProgress && progressReader((seconds) => onProgress(Math.min(1, Math.max(0, seconds / length))));
    await runFfmpeg(args, input.signal, report);
    if (!input.posterPath) return { durationSec: length };
    await runFfmpeg(
      [
        "-y",
        "-loglevel",
        "error",
        "-ss",
        posterTimeSec(total).toFixed(2),
        "-i",
        input.outPath,
        "-frames:v",
        "1",
        "-q:v",
        "3",
        "-f",
        "image2",
        input.posterPath,
      ],
      input.signal,
    );
    return { durationSec: length };
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}
