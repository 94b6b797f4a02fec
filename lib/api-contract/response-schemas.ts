import { z } from "zod";

// The answers' shapes as clients may rely on them: the fields named are required and typed, further fields may
// be added without a new API version (loose objects), so the contract test catches a renamed or retyped field.

const sceneViewSchema = z.looseObject({
  id: z.string(),
  position: z.number().int(),
  caption: z.string(),
  imagePrompt: z.string(),
  durationSec: z.number(),
});

export const jobViewSchema = z.looseObject({
  id: z.string(),
  status: z.enum([
    "queued",
    "parsing",
    "storyboarding",
    "awaiting_approval",
    "rendering",
    "stitching",
    "completed",
    "failed",
    "canceled",
  ]),
  stage: z.string(),
  percent: z.number(),
  etaSeconds: z.number().nullable(),
  isFinal: z.boolean(),
  prompt: z.string(),
  costUsd: z.number(),
  error: z.string().nullable(),
  videoUrl: z.string().nullable(),
  scenes: z.array(sceneViewSchema),
  versions: z.array(z.looseObject({ number: z.number().int() })),
  draftVersion: z.number().int(),
  editable: z.boolean(),
  downloadUrl: z.string().nullable(),
  durationSec: z.number().nullable(),
  estimatedCostUsd: z.number(),
  approval: z.looseObject({ costUsd: z.number(), refusal: z.string().nullable() }).nullable(),
  links: z.looseObject({ self: z.string(), page: z.string(), approve: z.string(), cancel: z.string() }),
});

const costLinesSchema = z.array(z.looseObject({ label: z.string(), usd: z.number() }));

export const newJobEstimateSchema = z.looseObject({
  backend: z.string(),
  totalUsd: z.number(),
  lines: costLinesSchema,
  budget: z.looseObject({ refusal: z.string().nullable(), warning: z.string().nullable() }),
});

export const jobPageSchema = z.looseObject({
  jobs: z.array(z.looseObject({ id: z.string(), status: z.string() })),
  nextCursor: z.string().nullable(),
});
export const addedSceneSchema = z.strictObject({ sceneId: z.string(), job: jobViewSchema });
export const exportViewSchema = z.looseObject({ id: z.string(), status: z.string() });
export const exportListSchema = z.strictObject({ exports: z.array(exportViewSchema) });
export const uploadViewSchema = z.looseObject({ id: z.string() });
export const uploadListSchema = z.looseObject({ assets: z.array(uploadViewSchema) });
export const tokenViewSchema = z.looseObject({ id: z.string(), name: z.string() });
export const newTokenSchema = tokenViewSchema.extend({ token: z.string() });
export const tokenListSchema = z.looseObject({ tokens: z.array(tokenViewSchema) });
export const shareLinkViewSchema = z.strictObject({ url: z.string(), expiresAt: z.string() });
export const anyObjectSchema = z.looseObject({});
export const textSchema = z.string();
export const binarySchema = z.string().meta({ contentMediaType: "application/octet-stream" });
export const importedJobSchema = z.looseObject({ id: z.string(), links: z.looseObject({ self: z.string() }) });
