import fsp from "node:fs/promises";
import { fileTypeFromFile } from "file-type";
import sharp from "@/lib/media/sharp";
import { AppError } from "@/lib/errors";
import { ffmpegPath } from "@/lib/media/binaries";
import { CROSSFADE_SECONDS, frameSize } from "@/lib/media/frame-size";
import { assertVideo } from "@/lib/media/probe-video";
import { runProcess } from "@/lib/media/run-process";
import { inspectUpload } from "@/lib/uploads/inspect-upload";

const unprocessable = (message: string) => new AppError("unprocessable", `${message} Nothing was imported.`);

/** An upload check's refusal, said of the project file it was about. */
function about(what: string, error: unknown): AppError {
  if (!(error instanceof AppError)) return unprocessable(`${what} could not be read.`);
  return new AppError(error.code, `${what}: ${error.message} Nothing was imported.`);
}

/** A scene's still, checked, decoded and written anew as an upload is (a JPEG, without its metadata). */
export async function checkStill(inPath: string, outPath: string, what: string, signal: AbortSignal): Promise<void> {
  const checkedPath = `${outPath}.checked`;
  try {
    const checked = await inspectUpload(inPath, checkedPath, signal);
    if (checked.kind !== "image") throw new AppError("unsupported_media_type", "This file is a sound, not an image.");
    if (checked.ext === "jpg") return await fsp.rename(checkedPath, outPath);
    // A still with transparency came out as PNG: the pipeline's stills are JPEG.
    await sharp(checkedPath).flatten({ background: "#000000" }).jpeg({ quality: 90 }).toFile(outPath);
  } catch (error) {
    throw about(what, error);
  } finally {
    await fsp.rm(checkedPath, { force: true });
  }
}

/**
 * A scene's clip as the stitcher takes it: an MP4 of H.264 at the job's frame size, as long as the scene plus the
 * crossfade's overlap (the last one without). Kept byte for byte (a re-encode would change its frames).
 */
export async function checkClip(
  inPath: string,
  what: string,
  expected: { aspectRatio: string; durationSec: number; last: boolean },
): Promise<void> {
  const type = await fileTypeFromFile(inPath).catch(() => undefined);
  if (type?.ext !== "mp4") throw unprocessable(`${what} is not an MP4 video.`);
  const durationSec = expected.durationSec + (expected.last ? 0 : CROSSFADE_SECONDS);
  try {
    await assertVideo(inPath, { ...frameSize(expected.aspectRatio), durationSec });
  } catch (error) {
    const detail = error instanceof Error && error.message.startsWith("Video check failed: ") ? error.message.slice(20) : "";
    throw unprocessable(`${what} is not a video this studio can stitch${detail ? ` (${detail})` : ": it could not be read"}.`);
  }
}

/** A scene's narration: a WAV that passes the upload sound checks, written anew as plain PCM without its tags. */
export async function checkNarration(inPath: string, outPath: string, what: string, signal: AbortSignal): Promise<number> {
  const type = await fileTypeFromFile(inPath).catch(() => undefined);
  if (type?.ext !== "wav") throw unprocessable(`${what} is not a WAV sound.`);
  const probePath = `${outPath}.checked.m4a`;
  try {
    const checked = await inspectUpload(inPath, probePath, signal);
    await runProcess(
      ffmpegPath(),
      [
        "-v",
        "error",
        "-xerror",
        "-i",
        inPath,
        "-map",
        "0:a:0",
        "-vn",
        "-map_metadata",
        "-1",
        "-c:a",
        "pcm_s16le",
        "-f",
        "wav",
        "-y",
        outPath,
      ],
      signal,
    );
    return checked.durationSec ?? 0;
  } catch (error) {
    throw about(what, error);
  } finally {
    await fsp.rm(probePath, { force: true });
  }
}

/**
 * The music bed: a sound that passes the upload checks, re-encoded to AAC as an upload is. Its sound is first
 * copied into an M4A of its own, because a job's music (an upload's re-encode) sits in a plain MP4, which the
 * upload checks take for a video.
 */
export async function checkMusic(inPath: string, outPath: string, signal: AbortSignal): Promise<void> {
  const soundPath = `${outPath}.sound.m4a`;
  try {
    await runProcess(
      ffmpegPath(),
      ["-v", "error", "-xerror", "-i", inPath, "-map", "0:a:0", "-vn", "-c:a", "copy", "-f", "ipod", "-y", soundPath],
      signal,
    ).catch(() => fsp.copyFile(inPath, soundPath));
    const checked = await inspectUpload(soundPath, outPath, signal);
    if (checked.kind !== "audio") throw new AppError("unsupported_media_type", "This file is an image, not a sound.");
  } catch (error) {
    throw about("The music (music.m4a)", error);
  } finally {
    await fsp.rm(soundPath, { force: true });
  }
}
