import { z } from "zod";
import { resolveDataDir, resolveDatabaseUrl } from "./database-url";

const booleanString = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  GENERATION_PROVIDER: z.enum(["local", "replicate"]).optional(),
  REPLICATE_API_TOKEN: z.string().min(1).optional(),
  RUN_WORKER: booleanString.default(true),
  WORKER_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  LEASE_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(5000),
  LOCAL_BACKEND_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  FFMPEG_CONCURRENCY: z.coerce.number().int().min(1).max(16).optional(),
  FFMPEG_PATH: z.string().min(1).optional(),
  FFPROBE_PATH: z.string().min(1).optional(),
  CAPTION_FONT_PATH: z.string().min(1).optional(),
});

export type AppEnv = z.infer<typeof envSchema> & {
  dataDir: string;
  databaseUrl: string;
  provider: "local" | "replicate";
};

let cached: AppEnv | undefined;

/** Validated once; a bad value stops start-up with a message naming the variable. */
export function getEnv(): AppEnv {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment configuration: ${detail}`);
  }
  const env = parsed.data;
  cached = {
    ...env,
    dataDir: resolveDataDir(process.env),
    databaseUrl: resolveDatabaseUrl(process.env),
    provider: env.GENERATION_PROVIDER ?? (env.REPLICATE_API_TOKEN ? "replicate" : "local"),
  };
  return cached;
}
