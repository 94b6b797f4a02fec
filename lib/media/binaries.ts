import { createRequire } from "node:module";
import path from "node:path";
import { getEnv } from "@/lib/env";

// These packages find their binaries relative to node_modules at run time, so they are
// loaded with require (they are also listed in serverExternalPackages).
const require = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json"));

export function ffmpegPath(): string {
  return getEnv().FFMPEG_PATH ?? (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
}

export function ffprobePath(): string {
  return getEnv().FFPROBE_PATH ?? (require("@ffprobe-installer/ffprobe") as { path: string }).path;
}

/** The caption font ships in an npm package so captions never depend on system fonts. */
export function captionFontPath(): string {
  return (
    getEnv().CAPTION_FONT_PATH ??
    path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf", "DejaVuSans-Bold.ttf")
  );
}
