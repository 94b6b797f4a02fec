import { createHash } from "node:crypto";
import { z } from "zod";
import { ASPECT_RATIOS, type AspectRatio } from "@/lib/vocabulary";
import {
  canonicalSpec,
  EXPORT_FITS,
  EXPORT_FORMATS,
  EXPORT_PRESET_IDS,
  EXPORT_RESOLUTIONS,
  presetSpec,
  UNFRAMED_FORMATS,
  type ExportSpec,
} from "./export-vocabulary";

const list = (items: readonly string[]) => `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
const versionMessage = "The version must be a whole number: 1 for the first video, 2 for the one after, and so on.";

/** What a person asks for: a preset, or the four choices (resolution, aspect and fit have defaults). */
export const exportRequestSchema = z
  .strictObject({
    version: z.int({ error: versionMessage }).positive(versionMessage),
    preset: z.enum(EXPORT_PRESET_IDS, { error: `The preset must be ${list(EXPORT_PRESET_IDS)}.` }).optional(),
    resolution: z.enum(EXPORT_RESOLUTIONS, { error: `The resolution must be ${list(EXPORT_RESOLUTIONS)}.` }).optional(),
    aspect: z.enum(ASPECT_RATIOS, { error: `The aspect must be ${list(ASPECT_RATIOS)}.` }).optional(),
    fit: z.enum(EXPORT_FITS, { error: `The fit must be ${list(EXPORT_FITS)}.` }).optional(),
    format: z.enum(EXPORT_FORMATS, { error: `The format must be ${list(EXPORT_FORMATS)}.` }).optional(),
  })
  .superRefine((value, ctx) => {
    const custom = value.resolution ?? value.aspect ?? value.fit ?? value.format;
    if (value.preset && custom) {
      ctx.addIssue({
        code: "custom",
        message: "A preset chooses the resolution, aspect, fit and format itself: send a preset or those, not both.",
      });
    } else if (!value.preset && !value.format) {
      ctx.addIssue({
        code: "custom",
        message: `Say what to export: a preset (${list(EXPORT_PRESET_IDS)}) or a format (${list(EXPORT_FORMATS)}).`,
      });
    }
  });
export type ExportRequest = z.output<typeof exportRequestSchema>;

/**
 * The export a request means: a preset becomes its spec, missing choices their defaults (full size, the video's own
 * aspect, cropped to cover), and captions lose the frame they do not have, so one file is asked for one way.
 */
export function normaliseExport(request: ExportRequest, videoAspect: AspectRatio): ExportSpec {
  if (request.preset) return presetSpec(request.preset);
  const format = request.format!;
  if (format === "vtt" || format === "srt" || format === "project") return { format };
  return {
    format,
    resolution: request.resolution ?? "1080p",
    aspect: request.aspect ?? videoAspect,
    fit: request.fit ?? "cover",
  };
}

/** Equal specs hash equal: the same export asked twice is found by it. */
export const specHash = (spec: ExportSpec): string => createHash("sha256").update(canonicalSpec(spec)).digest("hex").slice(0, 32);

const storedSpecSchema = z.union([
  z.object({ format: z.enum(UNFRAMED_FORMATS) }),
  z.object({
    format: z.enum(["mp4", "webm", "gif", "webp", "poster"]),
    resolution: z.enum(EXPORT_RESOLUTIONS),
    aspect: z.enum(ASPECT_RATIOS),
    fit: z.enum(EXPORT_FITS),
  }),
]);

export const parseStoredSpec = (json: string): ExportSpec => storedSpecSchema.parse(JSON.parse(json));
