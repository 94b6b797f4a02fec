import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { captionFontPath } from "./binaries";
import { wrapCaption, sceneStarts } from "./caption-lines";
import { CROSSFADE_SECONDS, FRAME_RATE, frameSize, h264OutputArgs } from "./frame-size";
import { runFfmpeg } from "./run-ffmpeg";
import { AAC_OUTPUT_ARGS, soundtrackGraph, soundtrackInputs, type SoundtrackInput } from "./soundtrack";

export interface StitchScene {
  clipPath: string;
  caption: string;
  durationSec: number;
}

export interface StitchInput {
  scenes: StitchScene[];
  /** Per scene its narration (or null), and the music bed (or null): silence when there is neither. */
  sound: Omit<SoundtrackInput, "durations">;
  aspectRatio: string;
  outPath: string;
  posterPath: string;
  signal: AbortSignal;
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

/**
 * Clips -> final.mp4: each clip carries CROSSFADE_SECONDS of extra tail that the next clip fades in over,
 * so the video lasts exactly the scenes' total. Crossfades are alpha overlays on a black canvas because the
 * ffmpeg shipped on npm predates the xfade filter. Captions are burned in with a bundled font. The sound is AAC
 * always (narration, music, or silence), so every player treats every video alike.
 */
export async function stitchVideo(input: StitchInput): Promise<{ durationSec: number }> {
  const { width, height } = frameSize(input.aspectRatio);
  const durations = input.scenes.map((s) => s.durationSec);
  const starts = sceneStarts(durations);
  const total = durations.reduce((a, b) => a + b, 0);
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
    const graph: string[] = [
      `color=c=black:s=${width}x${height}:r=${FRAME_RATE}:d=${(total + CROSSFADE_SECONDS).toFixed(3)}[base]`,
    ];
    let previous = "base";
    input.scenes.forEach((scene, i) => {
      const length = scene.durationSec + (i < input.scenes.length - 1 ? CROSSFADE_SECONDS : 0);
      const fadeIn = i > 0 ? `,fade=t=in:st=0:d=${CROSSFADE_SECONDS}:alpha=1` : "";
      graph.push(
        `[${i}:v]scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},fps=${FRAME_RATE},` +
          `trim=duration=${length.toFixed(3)},setpts=PTS-STARTPTS,format=yuva420p${fadeIn},setpts=PTS+${(starts[i] ?? 0).toFixed(3)}/TB[c${i}]`,
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
    for (const scene of input.scenes) args.push("-i", scene.clipPath);
    for (const file of soundtrackInputs(sound)) args.push("-i", file);
    args.push(
      ...["-filter_complex", graph.join(";"), "-map", "[out]", "-map", "[aout]", "-t", total.toFixed(3)],
      ...h264OutputArgs(input.outPath, AAC_OUTPUT_ARGS),
    );
    await runFfmpeg(args, input.signal);
    await runFfmpeg(
      [
        "-y",
        "-loglevel",
        "error",
        "-ss",
        Math.min(1, total / 3).toFixed(2),
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
    return { durationSec: total };
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}
