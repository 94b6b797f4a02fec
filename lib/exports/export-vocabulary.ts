// The words of an export, in one place, with no zod and no server code: the export panel imports this too.
import type { AspectRatio } from "@/lib/vocabulary";

export const EXPORT_RESOLUTIONS = ["1080p", "720p", "480p"] as const;
export type ExportResolution = (typeof EXPORT_RESOLUTIONS)[number];

/** cover: cropped to the centre of the frame; blur: the whole picture on a blurred, enlarged copy of itself. */
export const EXPORT_FITS = ["cover", "blur"] as const;
export type ExportFit = (typeof EXPORT_FITS)[number];

/** Adding a format is one entry here, one in FORMAT_FILES and one renderer. */
export const EXPORT_FORMATS = ["mp4", "webm", "gif", "webp", "poster", "vtt", "srt", "project"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What each format is called, the file it makes and how it is served. `framed`: it has a picture, so a frame size. */
export const FORMAT_FILES: Record<ExportFormat, { name: string; ext: string; contentType: string; framed: boolean }> = {
  mp4: { name: "MP4", ext: "mp4", contentType: "video/mp4", framed: true },
  webm: { name: "WebM", ext: "webm", contentType: "video/webm", framed: true },
  gif: { name: "GIF preview", ext: "gif", contentType: "image/gif", framed: true },
  webp: { name: "WebP preview", ext: "webp", contentType: "image/webp", framed: true },
  poster: { name: "Poster JPEG", ext: "jpg", contentType: "image/jpeg", framed: true },
  vtt: { name: "Captions WebVTT", ext: "vtt", contentType: "text/vtt; charset=utf-8", framed: false },
  srt: { name: "Captions SRT", ext: "srt", contentType: "application/x-subrip; charset=utf-8", framed: false },
  // Stills, clips, captions, sound and a manifest: what POST /api/jobs/import turns back into a job.
  project: { name: "Project ZIP", ext: "zip", contentType: "application/zip", framed: false },
};

/** Formats with no picture of their own, so no frame: the same file whatever frame is asked for. */
export const UNFRAMED_FORMATS = ["vtt", "srt", "project"] as const;

/** An export as it is made: a preset becomes one of these, and captions carry no frame. */
export type ExportSpec =
  | {
      format: Exclude<ExportFormat, (typeof UNFRAMED_FORMATS)[number]>;
      resolution: ExportResolution;
      aspect: AspectRatio;
      fit: ExportFit;
    }
  | { format: (typeof UNFRAMED_FORMATS)[number] };

export const EXPORT_PRESETS = {
  tiktok: { name: "TikTok / Reels / Shorts", aspect: "9:16" },
  youtube: { name: "YouTube", aspect: "16:9" },
  square: { name: "Square", aspect: "1:1" },
} as const satisfies Record<string, { name: string; aspect: AspectRatio }>;
export type ExportPresetId = keyof typeof EXPORT_PRESETS;
export const EXPORT_PRESET_IDS = Object.keys(EXPORT_PRESETS) as ExportPresetId[];

/** A preset is a full-size MP4 cropped to cover its frame. */
export function presetSpec(id: ExportPresetId): ExportSpec {
  return { format: "mp4", resolution: "1080p", aspect: EXPORT_PRESETS[id].aspect, fit: "cover" };
}

/** The short side of each resolution; the long side follows the aspect (16:9 at 480p is 854x480: even numbers). */
const SHORT_SIDE: Record<ExportResolution, number> = { "1080p": 1080, "720p": 720, "480p": 480 };
const even = (n: number) => 2 * Math.round(n / 2);

export function exportFrame(resolution: ExportResolution, aspect: AspectRatio): { width: number; height: number } {
  const short = SHORT_SIDE[resolution];
  const long = even((short * 16) / 9);
  if (aspect === "16:9") return { width: long, height: short };
  if (aspect === "9:16") return { width: short, height: long };
  return { width: short, height: short };
}

/** Previews are small: the frame scaled so its long side is this many pixels. */
export const PREVIEW_LONG_SIDE = 480;
export const PREVIEW_SECONDS = 3;

export function previewFrame(frame: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, PREVIEW_LONG_SIDE / Math.max(frame.width, frame.height));
  return { width: even(frame.width * scale), height: even(frame.height * scale) };
}

/** The size of the file a framed export makes. */
export function outputFrame(spec: ExportSpec): { width: number; height: number } | null {
  if (!("resolution" in spec)) return null;
  const frame = exportFrame(spec.resolution, spec.aspect);
  return spec.format === "gif" || spec.format === "webp" ? previewFrame(frame) : frame;
}

/** The spec as JSON with its keys in one order, whatever order it was built in: what is stored and hashed. */
export const canonicalSpec = (spec: ExportSpec): string =>
  JSON.stringify(Object.fromEntries(Object.entries(spec).sort(([a], [b]) => a.localeCompare(b))));
const sameSpec = (a: ExportSpec, b: ExportSpec) => canonicalSpec(a) === canonicalSpec(b);

/** "TikTok / Reels / Shorts · MP4 1080x1920", "9:16 · WebM 720x1280, blurred fill", "Captions SRT". */
export function exportLabel(spec: ExportSpec): string {
  const file = FORMAT_FILES[spec.format].name;
  const frame = outputFrame(spec);
  if (!frame || !("aspect" in spec)) return file;
  const preset = EXPORT_PRESET_IDS.find((id) => sameSpec(presetSpec(id), spec));
  const fill = spec.fit === "blur" ? ", blurred fill" : "";
  return `${preset ? EXPORT_PRESETS[preset].name : spec.aspect} · ${file} ${frame.width}x${frame.height}${fill}`;
}
