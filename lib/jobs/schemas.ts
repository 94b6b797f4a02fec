import { z } from "zod";
import {
  ASPECT_RATIOS,
  CONTINUITIES,
  DEFAULTS,
  isGeneratedId,
  MOTIONS,
  PROMPT_LIMITS,
  SCENE_COUNT_LIMITS,
  SCENE_LIMITS,
  SHARE_LINK_DAYS,
  STILL_FITS,
  STYLES,
  VOICE_IDS,
  TARGET_SECONDS_LIMITS,
  countChars,
} from "@/lib/vocabulary";

const n = (value: number) => value.toLocaleString("en-US");

/** Trimmed text of 1 to `max` characters (code points), refusing broken UTF-16 (a lone surrogate) by name. */
function text(field: string, max: number, emptyMessage: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? emptyMessage : `${field} must be text.`) })
    .trim()
    .min(1, emptyMessage)
    .refine((value) => value.isWellFormed(), `${field} contains a broken character (an unpaired UTF-16 surrogate).`)
    .refine((value) => countChars(value) <= max, `${field} is too long: keep it to ${n(max)} characters.`);
}

const sceneCountMessage = `Scene count must be a whole number from ${SCENE_COUNT_LIMITS.min} to ${SCENE_COUNT_LIMITS.max}.`;
const targetMessage = `Target length must be a whole number of seconds from ${TARGET_SECONDS_LIMITS.min} to ${TARGET_SECONDS_LIMITS.max}.`;
const secondsMessage = `A scene lasts from ${SCENE_LIMITS.minSeconds} to ${SCENE_LIMITS.maxSeconds} seconds.`;

const sceneCount = z
  .int({ error: sceneCountMessage })
  .min(SCENE_COUNT_LIMITS.min, sceneCountMessage)
  .max(SCENE_COUNT_LIMITS.max, sceneCountMessage);
const targetSeconds = z
  .int({ error: targetMessage })
  .min(TARGET_SECONDS_LIMITS.min, targetMessage)
  .max(TARGET_SECONDS_LIMITS.max, targetMessage);

const aspectRatio = z.enum(ASPECT_RATIOS, { error: `Aspect ratio must be one of ${ASPECT_RATIOS.join(", ")}.` });

/** The clip model and how it is run: checked against the model table when the job is quoted. */
const clipFields = {
  clipModel: z
    .string({ error: "The clip model must be a model name such as owner/name." })
    .max(100, "The clip model must be a model name such as owner/name.")
    .optional(),
  clipResolution: z
    .string({ error: "The clip resolution must be text such as 720p." })
    .max(10, "The clip resolution must be text such as 720p.")
    .optional(),
  continuity: z.enum(CONTINUITIES, { error: `Continuity must be one of ${CONTINUITIES.join(", ")}.` }).optional(),
};

export const idSchema = (what: string) =>
  z.string({ error: `That is not ${what} id.` }).refine(isGeneratedId, `That is not ${what} id.`);

/** The person's own sound and images in the video: narration, a music bed, a reference image. */
const soundAndUploadFields = {
  narration: z.boolean({ error: 'The field "narration" must be true or false.' }).default(false),
  voice: z.enum(VOICE_IDS, { error: `The voice must be one of ${VOICE_IDS.join(", ")}.` }).optional(),
  musicUploadId: idSchema("an upload").optional(),
  referenceUploadId: idSchema("an upload").optional(),
};

export const createJobSchema = z
  .strictObject({
    prompt: text("The prompt", PROMPT_LIMITS.maxChars, "Write a prompt describing your video."),
    sceneCount: sceneCount.default(DEFAULTS.sceneCount),
    aspectRatio: aspectRatio.default(DEFAULTS.aspectRatio),
    style: z.enum(STYLES, { error: `Style must be one of ${STYLES.join(", ")}.` }).default(DEFAULTS.style),
    targetSeconds: targetSeconds.optional(),
    seed: z
      .int({ error: "The seed must be a whole number from 0 to 2,147,483,647." })
      .min(0, "The seed must be a whole number from 0 to 2,147,483,647.")
      .max(2 ** 31 - 1, "The seed must be a whole number from 0 to 2,147,483,647.")
      .optional(),
    autoApprove: z.boolean({ error: 'The field "autoApprove" must be true or false.' }).default(false),
    ...clipFields,
    ...soundAndUploadFields,
  })
  .refine((v) => v.voice === undefined || v.narration, {
    error: 'A voice goes with "narration": true.',
  });
export type CreateJobInput = z.output<typeof createJobSchema>;

/** The fields of one scene, with the limits every writer and every edit must keep. */
const sceneFields = {
  caption: text("The caption", SCENE_LIMITS.captionMaxChars, "A caption cannot be empty."),
  imagePrompt: text("The image prompt", SCENE_LIMITS.imagePromptMaxChars, "An image prompt cannot be empty."),
  motion: z.enum(MOTIONS, { error: `Motion must be one of ${MOTIONS.join(", ")}.` }),
  durationSec: z
    .number({ error: secondsMessage })
    .min(SCENE_LIMITS.minSeconds, secondsMessage)
    .max(SCENE_LIMITS.maxSeconds, secondsMessage),
};

export const sceneDraftSchema = z.object(sceneFields);
export type SceneDraft = z.output<typeof sceneDraftSchema>;

/** What a scene writer must return: exactly `count` usable scenes. */
export const sceneDraftsSchema = (count: number) =>
  z.array(sceneDraftSchema).length(count, `There must be exactly ${count} scenes.`);

export const editSceneSchema = z
  .strictObject({
    ...sceneFields,
    /** One of the person's uploaded images becomes the scene's still. */
    uploadId: idSchema("an upload"),
    fit: z.enum(STILL_FITS, { error: `Fit must be one of ${STILL_FITS.join(", ")}.` }),
    /** Whether the caption is spoken (on a job with a voice). */
    narrate: z.boolean({ error: "narrate must be true or false." }),
  })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Change at least one field of the scene.")
  .refine((v) => v.fit === undefined || v.uploadId !== undefined, "A fit goes with an uploadId: say which upload to fit.");
export type EditSceneInput = z.output<typeof editSceneSchema>;

/** A scene added to a storyboard or a finished video: drawn from its prompt, placed after `afterSceneId` (or last). */
export const addSceneSchema = z.strictObject({
  ...sceneFields,
  afterSceneId: idSchema("a scene").optional(),
});
export type AddSceneInput = z.output<typeof addSceneSchema>;

/** The music bed of the next version: one of the person's sound uploads, or null for none. */
export const setMusicSchema = z.strictObject({
  uploadId: idSchema("an upload").nullable(),
});

export const versionNumberSchema = z.coerce
  .number({ error: "A version is a whole number (1, 2, ...)." })
  .int("A version is a whole number (1, 2, ...).")
  .min(1, "A version is a whole number (1, 2, ...).")
  .max(100_000, "A version is a whole number (1, 2, ...).");

export const jobIdSchema = idSchema("a job");
export const sceneIdSchema = idSchema("a scene");

export const reorderScenesSchema = z.strictObject({
  sceneIds: z
    .array(sceneIdSchema, { error: "sceneIds must be a list of scene ids." })
    .min(1, "List the scenes in their new order."),
});

export const listJobsQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "The page size (limit) must be a whole number from 1 to 100." })
    .int("The page size (limit) must be a whole number from 1 to 100.")
    .min(1, "The page size (limit) must be a whole number from 1 to 100.")
    .max(100, "The page size (limit) must be a whole number from 1 to 100.")
    .default(24),
  cursor: jobIdSchema.optional(),
});

export const estimateQuerySchema = z.object({
  sceneCount: z.coerce.number({ error: sceneCountMessage }).pipe(sceneCount).default(DEFAULTS.sceneCount),
  targetSeconds: z.coerce.number({ error: targetMessage }).pipe(targetSeconds).optional(),
  aspectRatio: aspectRatio.optional(),
  ...clipFields,
  narration: z
    .enum(["true", "false"], { error: 'narration is "true" or "false".' })
    .transform((v) => v === "true")
    .optional(),
  reference: z
    .enum(["true", "false"], { error: 'reference is "true" or "false".' })
    .transform((v) => v === "true")
    .optional(),
});

const shareDaysMessage = `A share link lasts a whole number of days from ${SHARE_LINK_DAYS.min} to ${SHARE_LINK_DAYS.max}.`;
export const shareLinkSchema = z.strictObject({
  days: z
    .int({ error: shareDaysMessage })
    .min(SHARE_LINK_DAYS.min, shareDaysMessage)
    .max(SHARE_LINK_DAYS.max, shareDaysMessage)
    .default(SHARE_LINK_DAYS.default),
});

/** The longest a job poll waits for a change (`?wait=N`), short of the proxies' and browsers' idle timeouts. */
export const LONG_POLL_MAX_SECONDS = 25;
const waitMessage = `wait is a whole number of seconds from 0 to ${LONG_POLL_MAX_SECONDS}: how long to wait for the job to change.`;
export const jobPollQuerySchema = z.object({
  wait: z.coerce
    .number({ error: waitMessage })
    .int(waitMessage)
    .min(0, waitMessage)
    .max(LONG_POLL_MAX_SECONDS, waitMessage)
    .optional(),
});
