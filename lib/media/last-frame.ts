import fsp from "node:fs/promises";
import { runFfmpeg } from "./run-ffmpeg";

/** The video's final frame as a JPEG: the first frame of the next clip when scenes are chained. */
export async function extractLastFrame(videoPath: string, outPath: string, signal?: AbortSignal): Promise<void> {
  // Decode only the last half second; the image muxer overwrites one file, so the last frame decoded remains.
  await runFfmpeg(["-y", "-loglevel", "error", "-sseof", "-0.5", "-i", videoPath, "-update", "1", "-q:v", "2", outPath], signal);
  const written = await fsp.stat(outPath).catch(() => null);
  if (!written?.size) throw new Error(`No last frame could be read from ${videoPath}.`);
}
