import { getEnv } from "@/lib/env";

const MB = 1024 * 1024;

export const megabytes = (bytes: number) => `${Number((bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0))} MB`;

/** The limits of one upload and of one person's uploads, from the configuration. */
export function uploadLimits() {
  const env = getEnv();
  const imageBytes = env.UPLOAD_IMAGE_MAX_MB * MB;
  const audioBytes = env.UPLOAD_AUDIO_MAX_MB * MB;
  return {
    imageBytes,
    imagePixels: env.UPLOAD_IMAGE_MAX_MEGAPIXELS * 1e6,
    audioBytes,
    audioSeconds: env.UPLOAD_AUDIO_MAX_SECONDS,
    audioDecodeMs: env.UPLOAD_AUDIO_DECODE_SECONDS * 1000,
    /** What is read of a request before its kind is known: the larger of the two. */
    anyBytes: Math.max(imageBytes, audioBytes),
    quotaBytes: env.UPLOAD_QUOTA_MB * MB,
    quotaFiles: env.UPLOAD_QUOTA_FILES,
  };
}
