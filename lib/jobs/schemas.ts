import { z } from "zod";

export const ASPECT_RATIOS = ["16:9", "9:16", "1:1"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const STYLES = ["cinematic", "storybook", "watercolor", "neon", "noir"] as const;
export type Style = (typeof STYLES)[number];

export const MOTIONS = ["zoom-in", "zoom-out", "pan-left", "pan-right", "pan-up", "pan-down"] as const;
export type Motion = (typeof MOTIONS)[number];

export const MAX_PROMPT_CHARS = 2000;
export const MIN_SCENES = 2;
export const MAX_SCENES = 8;

export const createJobSchema = z.strictObject({
  prompt: z
    .string({ error: "Write a prompt describing your video." })
    .trim()
    .min(1, "Write a prompt describing your video.")
    .max(MAX_PROMPT_CHARS, `The prompt is too long: keep it under ${MAX_PROMPT_CHARS.toLocaleString("en-US")} characters.`),
  sceneCount: z
    .int({ error: `Scene count must be a whole number from ${MIN_SCENES} to ${MAX_SCENES}.` })
    .min(MIN_SCENES, `Scene count must be a whole number from ${MIN_SCENES} to ${MAX_SCENES}.`)
    .max(MAX_SCENES, `Scene count must be a whole number from ${MIN_SCENES} to ${MAX_SCENES}.`)
    .default(4),
  aspectRatio: z.enum(ASPECT_RATIOS, { error: `Aspect ratio must be one of ${ASPECT_RATIOS.join(", ")}.` }).default("16:9"),
  style: z.enum(STYLES, { error: `Style must be one of ${STYLES.join(", ")}.` }).default("cinematic"),
  targetSeconds: z
    .int({ error: "Target length must be a whole number of seconds from 4 to 120." })
    .min(4, "Target length must be at least 4 seconds.")
    .max(120, "Target length must be at most 120 seconds.")
    .optional(),
  seed: z.int().min(0).max(2 ** 31 - 1).optional(),
  autoApprove: z.boolean({ error: "autoApprove must be true or false." }).default(false),
});
export type CreateJobInput = z.output<typeof createJobSchema>;

export const editSceneSchema = z
  .strictObject({
    caption: z.string().trim().min(1, "A caption cannot be empty.").max(200, "Keep the caption under 200 characters.").optional(),
    imagePrompt: z
      .string()
      .trim()
      .min(1, "An image prompt cannot be empty.")
      .max(1000, "Keep the image prompt under 1,000 characters.")
      .optional(),
    motion: z.enum(MOTIONS, { error: `Motion must be one of ${MOTIONS.join(", ")}.` }).optional(),
    durationSec: z.number().min(1.5, "A scene lasts at least 1.5 seconds.").max(15, "A scene lasts at most 15 seconds.").optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Change at least one field of the scene.");
export type EditSceneInput = z.output<typeof editSceneSchema>;

export const reorderScenesSchema = z.strictObject({
  sceneIds: z.array(z.string().min(1)).min(1, "List the scenes in their new order."),
});

export const listJobsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(24),
  cursor: z.string().min(1).optional(),
});

export const jobIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/, "That is not a job id.");

export const estimateQuerySchema = z.object({
  sceneCount: z.coerce
    .number({ error: `Scene count must be a whole number from ${MIN_SCENES} to ${MAX_SCENES}.` })
    .int(`Scene count must be a whole number from ${MIN_SCENES} to ${MAX_SCENES}.`)
    .min(MIN_SCENES, `Scene count must be a whole number from ${MIN_SCENES} to ${MAX_SCENES}.`)
    .max(MAX_SCENES, `Scene count must be a whole number from ${MIN_SCENES} to ${MAX_SCENES}.`)
    .default(4),
  targetSeconds: z.coerce
    .number({ error: "Target length must be a whole number of seconds from 4 to 120." })
    .int("Target length must be a whole number of seconds from 4 to 120.")
    .min(4, "Target length must be at least 4 seconds.")
    .max(120, "Target length must be at most 120 seconds.")
    .optional(),
});
