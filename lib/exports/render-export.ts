import fsp from "node:fs/promises";
import { probeVideo } from "@/lib/media/probe-video";
import { runFfmpeg } from "@/lib/media/run-ffmpeg";
import { posterTimeSec, stitchVideo, type StitchContainer } from "@/lib/media/stitch-video";
import { subtitles } from "@/lib/media/subtitles";
import { pathForKey } from "@/lib/storage/file-storage";
import { writeProjectZip } from "@/lib/projects/write-project-zip";
import type { FinishedVersion } from "@/lib/versions/version-scenes";
import { exportFrame, outputFrame, PREVIEW_SECONDS, type ExportFormat, type ExportSpec } from "./export-vocabulary";

export interface RenderInput {
  version: FinishedVersion;
  spec: ExportSpec;
  /** Where the file is written (a temp path the runner renames into place). */
  outPath: string;
  onProgress: (fraction: number) => void;
  signal: AbortSignal;
}

type Renderer = (input: RenderInput) => Promise<void>;
type FramedSpec = Extract<ExportSpec, { resolution: string }>;

function framed(spec: ExportSpec): FramedSpec {
  if (!("resolution" in spec)) throw new Error(`A ${spec.format} export has no frame.`);
  return spec;
}

/**
 * The version's own clips stitched again into the export's frame, so captions are laid out for that frame (its
 * final.mp4 has them burned in at the job's frame, and reframing it would crop them off).
 */
async function restitch(
  input: RenderInput,
  outPath: string,
  options: { frame: { width: number; height: number }; container?: StitchContainer; limitSec?: number },
) {
  const { version } = input;
  const missing = version.scenes.find((s) => !s.clipKey);
  if (missing) throw new Error(`Scene ${missing.position + 1} of version ${version.number} has no clip.`);
  return stitchVideo({
    scenes: version.scenes.map((s) => ({ clipPath: pathForKey(s.clipKey!), caption: s.caption, durationSec: s.durationSec })),
    sound: {
      narrations: version.scenes.map((s) => (s.narrate && s.narrationKey ? pathForKey(s.narrationKey) : null)),
      musicPath: version.musicKey ? pathForKey(version.musicKey) : null,
    },
    frame: options.frame,
    fit: framed(input.spec).fit,
    container: options.container,
    limitSec: options.limitSec,
    outPath,
    onProgress: input.onProgress,
    signal: input.signal,
  });
}

const stage = (input: RenderInput) => `${input.outPath}.stage.mp4`;

function video(container: StitchContainer): Renderer {
  return async (input) => {
    const spec = framed(input.spec);
    const frame = exportFrame(spec.resolution, spec.aspect);
    const { durationSec } = await restitch(input, input.outPath, { frame, container });
    const probe = await probeVideo(input.outPath);
    if (probe.width !== frame.width || probe.height !== frame.height || Math.abs(probe.durationSec - durationSec) > 0.2) {
      throw new Error(`The ${container} came out ${probe.width}x${probe.height}, ${probe.durationSec}s.`);
    }
  };
}

/** The first seconds, small, as an animation that loops (ffmpeg arguments that turn the staged MP4 into it). */
function preview(encode: (stagePath: string, outPath: string) => string[]): Renderer {
  return async (input) => {
    const staged = stage(input);
    try {
      await restitch({ ...input, onProgress: (f) => input.onProgress(f * 0.8) }, staged, {
        frame: outputFrame(input.spec)!,
        limitSec: PREVIEW_SECONDS,
      });
      await runFfmpeg(["-y", "-loglevel", "error", ...encode(staged, input.outPath)], input.signal);
    } finally {
      await fsp.rm(staged, { force: true });
    }
  };
}

const gif = preview((from, to) => [
  ...["-i", from, "-vf", "fps=12,split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=4"],
  ...["-loop", "0", "-f", "gif", to],
]);

const webp = preview((from, to) => [
  ...["-i", from, "-vf", "fps=12", "-c:v", "libwebp_anim", "-lossless", "0", "-quality", "70", "-loop", "0"],
  ...["-an", "-f", "webp", to],
]);

/** The frame the normal poster is taken at, from a stitch into the export's frame of just that far. */
const poster: Renderer = async (input) => {
  const spec = framed(input.spec);
  const at = posterTimeSec(input.version.scenes.reduce((sum, s) => sum + s.durationSec, 0));
  const staged = stage(input);
  try {
    await restitch({ ...input, onProgress: (f) => input.onProgress(f * 0.9) }, staged, {
      frame: exportFrame(spec.resolution, spec.aspect),
      limitSec: at + 0.5,
    });
    await runFfmpeg(
      [
        "-y",
        "-loglevel",
        "error",
        "-ss",
        at.toFixed(2),
        "-i",
        staged,
        "-frames:v",
        "1",
        "-q:v",
        "3",
        "-f",
        "image2",
        input.outPath,
      ],
      input.signal,
    );
  } finally {
    await fsp.rm(staged, { force: true });
  }
};

const captions =
  (format: "vtt" | "srt"): Renderer =>
  (input) =>
    fsp.writeFile(input.outPath, subtitles(input.version.scenes, format));

/** How each format is made. */
export const RENDERERS: Record<ExportFormat, Renderer> = {
  mp4: video("mp4"),
  webm: video("webm"),
  gif,
  webp,
  poster,
  vtt: captions("vtt"),
  srt: captions("srt"),
  project: (input) =>
    writeProjectZip({
      jobId: input.version.jobId,
      version: input.version.number,
      outPath: input.outPath,
      signal: input.signal,
    }).then(() => undefined),
};

export const renderExport = (input: RenderInput): Promise<void> => RENDERERS[input.spec.format](input);
