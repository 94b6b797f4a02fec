import { ffprobePath } from "./binaries";
import { runProcess } from "./run-process";

export interface VideoProbe {
  durationSec: number;
  width: number;
  height: number;
  codec: string;
  pixFmt: string;
  /** Frames a second (0 when the stream does not say). */
  fps: number;
}

const rate = (fraction: string | undefined) => {
  const [num, den] = (fraction ?? "0/1").split("/").map(Number);
  return num && den ? num / den : 0;
};

export async function probeVideo(filePath: string): Promise<VideoProbe> {
  const out = await runProcess(ffprobePath(), [
    "-v",
    "error",
    "-select_streams",
    "v:0",
    "-show_entries",
    "stream=codec_name,width,height,pix_fmt,avg_frame_rate,r_frame_rate:format=duration",
    "-of",
    "json",
    filePath,
  ]);
  const parsed = JSON.parse(out) as {
    streams?: {
      codec_name?: string;
      width?: number;
      height?: number;
      pix_fmt?: string;
      avg_frame_rate?: string;
      r_frame_rate?: string;
    }[];
    format?: { duration?: string };
  };
  const stream = parsed.streams?.[0];
  if (!stream) throw new Error("The file has no video stream.");
  return {
    durationSec: Number(parsed.format?.duration ?? 0),
    width: stream.width ?? 0,
    height: stream.height ?? 0,
    codec: stream.codec_name ?? "unknown",
    pixFmt: stream.pix_fmt ?? "unknown",
    fps: rate(stream.avg_frame_rate) || rate(stream.r_frame_rate),
  };
}

/**
 * A model's clip as it came, checked without decoding it all: a video stream ffprobe can name, with a size, a
 * frame rate and a length. The stitch scales, paces and holds it (lib/media/stitch-video.ts).
 */
export async function assertStitchableClip(filePath: string): Promise<VideoProbe> {
  const probe = await probeVideo(filePath);
  const problems: string[] = [];
  if (probe.codec === "unknown") problems.push("an unknown codec");
  if (probe.width < 16 || probe.height < 16) problems.push(`size ${probe.width}x${probe.height}`);
  if (!(probe.fps > 0 && probe.fps <= 240)) problems.push(`frame rate ${probe.fps.toFixed(2)}`);
  if (!(probe.durationSec > 0)) problems.push("no duration");
  if (problems.length) throw new Error(`Video check failed: ${problems.join("; ")}`);
  return probe;
}

/** A step is only done when its output is a playable H.264 video of the expected size and length. */
export async function assertVideo(
  filePath: string,
  expected: { width: number; height: number; durationSec: number; tolerance?: number; audio?: boolean },
): Promise<VideoProbe> {
  const probe = await probeVideo(filePath);
  const tolerance = expected.tolerance ?? 0.1;
  const problems: string[] = [];
  if (probe.codec !== "h264") problems.push(`codec ${probe.codec}, expected h264`);
  if (probe.pixFmt !== "yuv420p") problems.push(`pixel format ${probe.pixFmt}, expected yuv420p`);
  if (probe.width !== expected.width || probe.height !== expected.height)
    problems.push(`size ${probe.width}x${probe.height}, expected ${expected.width}x${expected.height}`);
  if (Math.abs(probe.durationSec - expected.durationSec) > expected.durationSec * tolerance)
    problems.push(`duration ${probe.durationSec.toFixed(2)}s, expected ${expected.durationSec.toFixed(2)}s`);
  if (expected.audio) {
    const audio = await probeAudio(filePath);
    if (audio?.codec !== "aac") problems.push(audio ? `audio ${audio.codec}, expected aac` : "no audio stream");
  }
  if (problems.length) throw new Error(`Video check failed: ${problems.join("; ")}`);
  return probe;
}

/** Any media file's length in seconds (its container's duration). */
export async function probeDuration(filePath: string, signal?: AbortSignal): Promise<number> {
  const out = await runProcess(
    ffprobePath(),
    ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", filePath],
    signal,
  );
  const seconds = Number(out.trim());
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`No duration in ${filePath}.`);
  return seconds;
}

/** The first audio stream's codec and the file's length, or null when it has no sound. */
export async function probeAudio(filePath: string, signal?: AbortSignal): Promise<{ codec: string; durationSec: number } | null> {
  const out = await runProcess(
    ffprobePath(),
    ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name:format=duration", "-of", "json", filePath],
    signal,
  );
  const parsed = JSON.parse(out) as { streams?: { codec_name?: string }[]; format?: { duration?: string } };
  const stream = parsed.streams?.[0];
  return stream ? { codec: stream.codec_name ?? "unknown", durationSec: Number(parsed.format?.duration ?? 0) } : null;
}
