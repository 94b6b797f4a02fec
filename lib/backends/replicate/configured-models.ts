import { getEnv } from "@/lib/env";
import { ownEntry } from "@/lib/util/own-entry";
import { MODEL_TABLES, type ClipModel, type NarratorModel, type StillModel, type WriterModel } from "./model-table";

/** The models of one job, by name: chosen from the configuration when the job is created, then kept on it. */
export interface ModelNames {
  writer: string;
  still: string;
  clip: string;
  /** Only jobs with narration name one; otherwise the configured one prices an estimate. */
  narrator?: string;
}

export interface Models {
  writer: WriterModel;
  still: StillModel;
  clip: ClipModel;
  narrator: NarratorModel;
}

const VARIABLES: Record<keyof ModelNames, string> = {
  writer: "REPLICATE_WRITER_MODEL",
  still: "REPLICATE_STILL_MODEL",
  clip: "REPLICATE_CLIP_MODEL",
  narrator: "REPLICATE_NARRATOR_MODEL",
};

export function configuredModelNames(): ModelNames {
  const env = getEnv();
  return {
    writer: env.REPLICATE_WRITER_MODEL,
    still: env.REPLICATE_STILL_MODEL,
    clip: env.REPLICATE_CLIP_MODEL,
    narrator: env.REPLICATE_NARRATOR_MODEL,
  };
}

function pick<K extends keyof ModelNames>(role: K, name: string): Models[K] {
  const model = ownEntry<Models[K]>(MODEL_TABLES[role] as Record<string, Models[K]>, name);
  if (!model) {
    const known = Object.keys(MODEL_TABLES[role]).join(", ");
    throw new Error(
      `${VARIABLES[role]}: "${name}" is not a model Storyreel knows (lib/backends/replicate/model-table.ts lists ${known}).`,
    );
  }
  return model;
}

/** The table entries for these names; an unknown name is an error that names its variable and the choices. */
export function resolveModels(names: ModelNames): Models {
  return {
    writer: pick("writer", names.writer),
    still: pick("still", names.still),
    clip: pick("clip", names.clip),
    narrator: pick("narrator", names.narrator ?? getEnv().REPLICATE_NARRATOR_MODEL),
  };
}

/** Checked at start-up when the back end is Replicate, so a typo stops the server instead of failing jobs. */
export function assertModelsConfigured(): void {
  try {
    resolveModels(configuredModelNames());
    const reference = getEnv().REPLICATE_REFERENCE_STILL_MODEL;
    if (!pick("still", reference).takesReference) {
      throw new Error(`REPLICATE_REFERENCE_STILL_MODEL: "${reference}" does not draw from a reference image.`);
    }
  } catch (error) {
    throw new Error(`Invalid environment configuration: ${(error as Error).message}`);
  }
}
