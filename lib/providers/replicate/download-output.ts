import { ReplicateError, networkError } from "./replicate-errors";
import type { Resilience } from "./resilience";

export type OutputKind = "image" | "video" | "audio";

const MAX_BYTES = 500 * 1024 * 1024;

/** What the first bytes of a real file of this kind look like (an HTML error page saved as .mp4 is not one). */
export function looksLike(kind: OutputKind, bytes: Buffer): boolean {
  if (kind === "video") return bytes.length > 12 && bytes.toString("latin1", 4, 8) === "ftyp";
  if (kind === "audio") {
    const wav = bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WAVE";
    const mp3 = bytes.toString("latin1", 0, 3) === "ID3" || (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0);
    return wav || mp3;
  }
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const webp = bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP";
  return jpeg || png || webp;
}

/** The first output URL of a prediction, whatever shape the model returns (a string or a list). */
export function firstOutputUrl(output: unknown): string {
  const url = Array.isArray(output) ? output[0] : output;
  if (typeof url !== "string" || !/^(https?:|data:)/.test(url)) {
    throw new ReplicateError("output", "The model finished but returned no file.");
  }
  return url;
}

async function fetchOnce(url: string, kind: OutputKind, timeoutMs: number, signal: AbortSignal): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
  } catch (error) {
    if (signal.aborted) throw error;
    throw networkError(error);
  }
  if (response.status === 404 || response.status === 410) {
    throw new ReplicateError("output", "The model's output had expired before it could be saved.", {
      detail: `HTTP ${response.status}`,
    });
  }
  if (!response.ok)
    throw new ReplicateError("server", "Replicate's file server is having trouble.", { detail: `HTTP ${response.status}` });
  if (Number(response.headers.get("content-length") ?? 0) > MAX_BYTES)
    throw new ReplicateError("output", "The model's output is too large to keep.");
  const bytes = Buffer.from(await response.arrayBuffer());
  if (!looksLike(kind, bytes)) {
    throw new ReplicateError("output", `The model's output is not a valid ${kind === "video" ? "video" : "image"} file.`, {
      detail: `${bytes.length} bytes starting ${JSON.stringify(bytes.toString("latin1", 0, 16))}`,
    });
  }
  return bytes;
}

/** Copies an output at once (Replicate deletes them after an hour), retrying transient failures. */
export function downloadOutput(
  resilience: Resilience,
  url: string,
  kind: OutputKind,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Buffer> {
  return resilience.run(() => resilience.guard(() => fetchOnce(url, kind, timeoutMs, signal), signal), { maxRetries: 3, signal });
}
