import { FORMAT_FILES, outputFrame, PREVIEW_SECONDS, type ExportSpec } from "./export-vocabulary";

// Bytes per pixel per frame (per second for video at 24 fps), on the generous side of what these encoders made here.
const VIDEO_BYTES_PER_PIXEL_SECOND: Record<"mp4" | "webm", number> = { mp4: 0.3, webm: 0.18 };
const AUDIO_BYTES_PER_SECOND = 20_000;

/**
 * What an export is expected to take before it is made: the quota keeps room for it while it is queued and
 * running, and its real size replaces this when it is done.
 */
export function estimateExportBytes(spec: ExportSpec, durationSec: number, sceneCount: number): number {
  // The version's clips (at most 1080p) and stills, stored as they are.
  if (spec.format === "project") return Math.round(durationSec * 1920 * 1080 * 0.3 + sceneCount * 500_000);
  const frame = outputFrame(spec);
  if (!frame || !FORMAT_FILES[spec.format].framed) return 200 * sceneCount;
  const pixels = frame.width * frame.height;
  switch (spec.format) {
    case "mp4":
    case "webm":
      return Math.round(durationSec * (pixels * VIDEO_BYTES_PER_PIXEL_SECOND[spec.format] + AUDIO_BYTES_PER_SECOND));
    case "gif":
      return Math.round(pixels * 12 * Math.min(PREVIEW_SECONDS, durationSec) * 0.4);
    case "webp":
      return Math.round(pixels * 12 * Math.min(PREVIEW_SECONDS, durationSec) * 0.15);
    default:
      return Math.round(pixels * 0.4);
  }
}
