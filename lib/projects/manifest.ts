import { z } from "zod";
import {
  ASPECT_RATIOS,
  CONTINUITIES,
  MOTIONS,
  PROMPT_LIMITS,
  SCENE_COUNT_LIMITS,
  SCENE_LIMITS,
  STYLES,
  VOICE_IDS,
  countChars,
} from "@/lib/vocabulary";

/** Where each file of a project sits inside its ZIP: fixed names, so nothing in a ZIP picks a path. */
const pad = (index: number) => String(index + 1).padStart(2, "0");
export const projectFiles = {
  manifest: "manifest.json",
  vtt: "captions.vtt",
  srt: "captions.srt",
  music: "music.m4a",
  still: (index: number) => `stills/${pad(index)}.jpg`,
  clip: (index: number) => `clips/${pad(index)}.mp4`,
  narration: (index: number) => `narration/${pad(index)}.wav`,
};
export const PROJECT_FOLDERS = ["stills/", "clips/", "narration/"] as const;
export const PROJECT_FILE_PATTERN =
  /^(manifest\.json|captions\.(vtt|srt)|music\.m4a|stills\/\d{2}\.jpg|clips\/\d{2}\.mp4|narration\/\d{2}\.wav)$/;

const boundedText = (max: number) =>
  z
    .string()
    .min(1, "must not be empty")
    .refine((value) => value.isWellFormed(), "contains a broken character")
    .refine((value) => countChars(value) <= max, `must be at most ${max} characters`);
const seed = z
  .int()
  .min(0)
  .max(2 ** 32);
const money = z.number().min(0).max(1_000_000);
const modelName = z.string().max(200).nullable();

const fileSchema = z.strictObject({
  file: z.string().max(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 in lowercase hex"),
});
export type ProjectFile = z.output<typeof fileSchema>;

/** One call of the generation ledger, as a bill shows it. */
const callSchema = z.strictObject({
  kind: z.enum(["scenes", "still", "clip", "narration", "stitch"]),
  model: z.string().max(200),
  status: z.string().max(20),
  costUsd: money,
  costBasis: z.string().max(500).nullable(),
  versionNumber: z.int().positive().nullable(),
});
export type ProjectCall = z.output<typeof callSchema>;

const sceneSchema = z.strictObject({
  position: z.int().min(0),
  caption: boundedText(SCENE_LIMITS.captionMaxChars),
  imagePrompt: boundedText(SCENE_LIMITS.imagePromptMaxChars),
  motion: z.enum(MOTIONS),
  // Narration may have lengthened a scene past what a person picks: up to the longest clip a scene may carry.
  durationSec: z.number().min(SCENE_LIMITS.minSeconds).max(60),
  narrate: z.boolean(),
  narrationSec: z.number().positive().max(60).nullable(),
  still: fileSchema,
  clip: fileSchema,
  narration: fileSchema.nullable(),
  /** What the still and the clip were made with (seeds as the pipeline computes them: lib/pipeline/*-step.ts). */
  models: z.strictObject({ still: modelName, clip: modelName, narration: modelName }),
  seeds: z.strictObject({ still: seed, clip: seed }),
  calls: z.array(callSchema).max(200),
  costUsd: money,
});
export type ProjectScene = z.output<typeof sceneSchema>;

/** Projects exported before the back end had one name call it `provider`. */
const renameProvider = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null || !("provider" in value) || "backend" in value) return value;
  const { provider, ...rest } = value as Record<string, unknown>;
  return { ...rest, backend: provider };
};

const jobFields = z.strictObject({
  prompt: boundedText(PROMPT_LIMITS.maxChars),
  style: z.enum(STYLES),
  aspectRatio: z.enum(ASPECT_RATIOS),
  targetSeconds: z.int().positive().max(600).nullable(),
  seed,
  continuity: z.enum(CONTINUITIES),
  voice: z.enum(VOICE_IDS).nullable(),
  backend: z.enum(["local", "replicate"]),
  models: z.strictObject({
    writer: modelName,
    still: modelName,
    clip: modelName,
    clipResolution: z.string().max(20).nullable(),
    narrator: modelName,
  }),
});
const jobSchema = z.preprocess(renameProvider, jobFields);

export const projectManifestSchema = z
  .strictObject({
    formatVersion: z.literal(1, "must be 1 (this studio reads project ZIPs of format 1)"),
    exportedAt: z.iso.datetime(),
    version: z.int().positive(),
    job: jobSchema,
    scenes: z.array(sceneSchema).min(SCENE_COUNT_LIMITS.min).max(SCENE_COUNT_LIMITS.max),
    music: fileSchema.nullable(),
    captions: z.strictObject({ vtt: fileSchema, srt: fileSchema }),
    /** Calls that belong to no one scene: writing the scenes, stitching. */
    calls: z.array(callSchema).max(200),
    durationSec: z.number().positive().max(3600),
    costUsd: money,
  })
  .superRefine((manifest, ctx) => {
    const expect = (path: (string | number)[], actual: string | undefined, wanted: string) => {
      if (actual !== wanted) ctx.addIssue({ code: "custom", path, message: `must be "${wanted}"` });
    };
    manifest.scenes.forEach((scene, i) => {
      if (scene.position !== i) ctx.addIssue({ code: "custom", path: ["scenes", i, "position"], message: `must be ${i}` });
      expect(["scenes", i, "still", "file"], scene.still.file, projectFiles.still(i));
      expect(["scenes", i, "clip", "file"], scene.clip.file, projectFiles.clip(i));
      if (scene.narration) {
        expect(["scenes", i, "narration", "file"], scene.narration.file, projectFiles.narration(i));
        if (!manifest.job.voice) {
          ctx.addIssue({
            code: "custom",
            path: ["scenes", i, "narration"],
            message: "needs the job's voice (job.voice is null)",
          });
        }
      }
    });
    if (manifest.music) expect(["music", "file"], manifest.music.file, projectFiles.music);
    expect(["captions", "vtt", "file"], manifest.captions.vtt.file, projectFiles.vtt);
    expect(["captions", "srt", "file"], manifest.captions.srt.file, projectFiles.srt);
  });
export type ProjectManifest = z.output<typeof projectManifestSchema>;

const fieldName = (path: PropertyKey[]) =>
  path.reduce<string>(
    (name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)),
    "",
  );

/** A manifest that fails the schema, said as a sentence that names the first wrong field. */
export function describeManifestError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The project's manifest.json is not valid.";
  const field = fieldName(issue.path);
  return field
    ? `The project's manifest.json is not valid: ${field}: ${issue.message.replace(/\.$/, "")}.`
    : `The project's manifest.json is not valid: ${issue.message.replace(/\.$/, "")}.`;
}

/** Every file a manifest names, with its expected hash. */
export function manifestFiles(manifest: ProjectManifest): ProjectFile[] {
  return [
    manifest.captions.vtt,
    manifest.captions.srt,
    ...(manifest.music ? [manifest.music] : []),
    ...manifest.scenes.flatMap((s) => [s.still, s.clip, ...(s.narration ? [s.narration] : [])]),
  ];
}
