import { z } from "zod";
import { resolveDataDir, resolveDatabaseUrl } from "./database-url";

// A leaf: zod and nothing of ours. Model names are plain strings here; the Replicate back end checks
// them against its model table when it is configured (see lib/backends/replicate/configured-models.ts).

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
const booleanString = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const modelName = (fallback: string) => z.string().trim().min(1).default(fallback);

const logLevelSchema = z.enum(["info", "warn", "error", "silent"]).catch("info");
const logFormatSchema = z.enum(["json", "pretty"]).optional().catch(undefined);

const envSchema = z.object({
  GENERATION_BACKEND: z.enum(["local", "replicate"]).optional(),
  /** The earlier name of GENERATION_BACKEND, still read so existing installs keep their back end. */
  GENERATION_PROVIDER: z.enum(["local", "replicate"]).optional(),
  REPLICATE_API_TOKEN: z.string().min(1).optional(),
  REPLICATE_API_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://api.replicate.com/v1"),
  REPLICATE_WRITER_MODEL: modelName("meta/meta-llama-3-8b-instruct"),
  REPLICATE_STILL_MODEL: modelName("black-forest-labs/flux-schnell"),
  /** The still model for videos with a reference image: one that draws from an image. */
  REPLICATE_REFERENCE_STILL_MODEL: modelName("black-forest-labs/flux-kontext-pro"),
  REPLICATE_CLIP_MODEL: modelName("wan-video/wan-2.2-i2v-fast"),
  REPLICATE_NARRATOR_MODEL: modelName("jaaari/kokoro-82m"),
  // The seed's policy (5 s -> 15 s -> 45 s); tests shrink it to milliseconds.
  REPLICATE_RETRY_BASE_MS: z.coerce.number().int().min(1).max(60_000).default(5000),
  REPLICATE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(10).max(300_000).default(30_000),
  REPLICATE_POLL_MS: z.coerce.number().int().min(10).max(60_000).optional(),
  // Both set: predictions call back here when done (polling stays the fallback).
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  REPLICATE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, "must look like whsec_<base64>")
    .optional(),
  /**
   * Where model outputs may be downloaded from: host names, `*.` before one for its subdomains, and `http://`
   * before one that may answer over plain http (a local test double); any other is https only.
   */
  REPLICATE_OUTPUT_HOSTS: z
    .string()
    .default("replicate.delivery,*.replicate.delivery")
    .transform((v) =>
      v
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^(https?:\/\/)?((\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:]+\])$/,
              "must be host names separated by commas (*.example.com for its subdomains, http://host for plain http; no port)",
            ),
        )
        .min(1, "must name at least one host"),
    ),
  /** The largest output (MB) a model may hand back; past it the download is cut off. */
  REPLICATE_OUTPUT_MAX_MB: z.coerce.number().positive().max(10_000).default(500),
  REPLICATE_MAX_PAUSE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(30 * 60_000),
  RUN_WORKER: booleanString.default(true),
  WORKER_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Exports rendered at once per process (each is one ffmpeg that uses every core it gets). */
  EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(1),
  LEASE_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(5000),
  LOCAL_BACKEND_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  FFMPEG_CONCURRENCY: z.coerce.number().int().min(1).max(16).optional(),
  FFMPEG_PATH: z.string().min(1).optional(),
  /** A file each ffmpeg run is appended to (one JSON line: its arguments and seconds), so a bench can rerun them. */
  FFMPEG_COMMAND_LOG: z.string().min(1).optional(),
  FFPROBE_PATH: z.string().min(1).optional(),
  CAPTION_FONT_PATH: z.string().min(1).optional(),
  /** The espeak-ng program that speaks narration offline (Debian: apt-get install espeak-ng). */
  ESPEAK_PATH: z.string().min(1).default("espeak-ng"),
  LOG_LEVEL: z.enum(["info", "warn", "error", "silent"]).default("info"),
  /** A bearer token that may read GET /api/metrics (a Prometheus scraper); admins may read it without one. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** `npm run worker` serves its own metrics on this port (GET /metrics), on HOST. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** Signs session cookies; generated into DATA_DIR on first start when unset. At least 32 characters. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Who may create an account once the owner exists: nobody, people with an admin's invite link, or anyone. */
  SIGNUP: z.enum(["closed", "invite", "open"]).default("invite"),
  MAX_ACTIVE_JOBS_PER_USER: z.coerce.number().int().min(1).max(100).default(3),
  /** Jobs a user may create, and stills they may redraw, per minute. */
  JOBS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  REGENERATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(30),
  /** The most one video may be estimated to cost (USD); a bigger one is refused before anything is spent. */
  BUDGET_JOB_MAX_USD: z.coerce.number().positive().max(100_000).optional(),
  /** Spend a day (USD) past which admins are alerted, once a day. */
  BUDGET_DAILY_SOFT_USD: z.coerce.number().min(0).max(1_000_000).default(100),
  /** Spend a day (USD) that is never crossed: money is reserved before it is spent, and what does not fit is refused. */
  BUDGET_DAILY_HARD_USD: z.coerce.number().min(0).max(1_000_000).default(150),
  /** Where a budget day begins and ends (an IANA time zone). */
  BUDGET_TIMEZONE: z.string().default("UTC").refine(isTimeZone, "must be an IANA time zone such as UTC or Europe/Berlin"),
  /** Uploads: the largest image (MB) and its most pixels (megapixels); the largest sound (MB) and its longest (seconds). */
  UPLOAD_IMAGE_MAX_MB: z.coerce.number().positive().max(1000).default(25),
  UPLOAD_IMAGE_MAX_MEGAPIXELS: z.coerce.number().positive().max(1000).default(50),
  UPLOAD_AUDIO_MAX_MB: z.coerce.number().positive().max(1000).default(50),
  UPLOAD_AUDIO_MAX_SECONDS: z.coerce.number().positive().max(36_000).default(600),
  /** How long checking and re-encoding one sound may take (seconds) before it is stopped and refused. */
  UPLOAD_AUDIO_DECODE_SECONDS: z.coerce.number().positive().max(3600).default(60),
  /** What one person's uploads may take together: stored megabytes and files. */
  UPLOAD_QUOTA_MB: z.coerce.number().positive().max(1_000_000).default(1000),
  UPLOAD_QUOTA_FILES: z.coerce.number().int().positive().max(100_000).default(500),
  /** The largest project ZIP (MB) an import takes, and the most its files may inflate to. */
  PROJECT_IMPORT_MAX_MB: z.coerce.number().positive().max(100_000).default(500),
  /** Alerts are posted here as JSON that Slack and Discord incoming webhooks accept. */
  ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Optional mail server for invite links, e.g. smtps://user:password@mail.example.com:465. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default("Storyreel <storyreel@localhost>"),
  /** The address and port `npm start` listens on; anything but loopback asks the owner's setup for a code. */
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Read the client's address from X-Forwarded-For (only behind a proxy you run). */
  TRUST_PROXY: booleanString.default(false),
  /** Serves /api/bench/bare, the constant answer `npm run bench` measures the job poll against; leave off in production. */
  BENCH_ROUTES: booleanString.default(false),
  // Host names this server answers to besides localhost (a page that rebinds its own name to 127.0.0.1 gets nothing).
  ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.string().regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, "must be host names separated by commas (no scheme, no port)")),
    ),
});

export type AppEnv = z.infer<typeof envSchema> & {
  dataDir: string;
  databaseUrl: string;
  backend: "local" | "replicate";
};
export type LogLevel = AppEnv["LOG_LEVEL"];

// Replicate sends webhooks to https URLs only; plain http is allowed for a local test double.
const isReachableByReplicate = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
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
  if (env.REPLICATE_WEBHOOK_SECRET && env.PUBLIC_BASE_URL && !isReachableByReplicate(env.PUBLIC_BASE_URL)) {
    throw new Error(
      "Invalid environment configuration: PUBLIC_BASE_URL must be https:// for Replicate to deliver webhooks (http is allowed for localhost only).",
    );
  }
  const chosen = env.GENERATION_BACKEND ?? env.GENERATION_PROVIDER;
  if (chosen === "replicate" && !env.REPLICATE_API_TOKEN) {
    const name = env.GENERATION_BACKEND ? "GENERATION_BACKEND" : "GENERATION_PROVIDER";
    throw new Error(`Invalid environment configuration: ${name}=replicate needs REPLICATE_API_TOKEN.`);
  }
  cached = {
    ...env,
    dataDir: resolveDataDir(process.env),
    databaseUrl: resolveDatabaseUrl(process.env),
    backend: chosen ?? (env.REPLICATE_API_TOKEN ? "replicate" : "local"),
  };
  return cached;
}

let lastLogLevel: { raw: string | undefined; level: LogLevel } = { raw: undefined, level: logLevelSchema.parse(undefined) };

/**
 * The log level on its own: the logger must work even while the rest of the configuration is invalid
 * (it reports that error), and a CLI may lower it before the first log line.
 */
export function getLogLevel(): LogLevel {
  const raw = process.env.LOG_LEVEL;
  // Read on every log line: parsed again only when it changed.
  if (raw !== lastLogLevel.raw) lastLogLevel = { raw, level: logLevelSchema.parse(raw) };
  return lastLogLevel.level;
}

/** LOG_FORMAT=json|pretty, or undefined to choose by whether stdout is a terminal. Read as getLogLevel is. */
export function getLogFormat(): "json" | "pretty" | undefined {
  return logFormatSchema.parse(process.env.LOG_FORMAT);
}
