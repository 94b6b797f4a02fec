import { outputUrlRefusal, type OutputHostRule } from "./output-hosts";
import { ReplicateError, networkError } from "./replicate-errors";
import type { Resilience } from "./resilience";

export type OutputKind = "image" | "video" | "audio";

/** Where outputs may come from, how large they may be, and how long one download may take. */
export interface DownloadOptions {
  hosts: readonly OutputHostRule[];
  maxBytes: number;
  timeoutMs: number;
}

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

// Not retried: the same prediction, or a new paid one, would make an output just as large.
const tooLarge = (maxBytes: number) =>
  new ReplicateError("invalid", "The model's output is too large to keep.", {
    detail: `more than ${Math.round(maxBytes / (1024 * 1024))} MB`,
  });

/**
 * The body, counted as it arrives (after decoding): a Content-Length can be missing, or tell the compressed size
 * of a body that inflates a thousandfold; the bytes themselves cannot lie.
 */
async function readAtMost(response: Response, maxBytes: number): Promise<Buffer> {
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

async function fetchOnce(url: string, kind: OutputKind, options: DownloadOptions, signal: AbortSignal): Promise<Buffer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ReplicateError("invalid", "The model's output is not a web address that can be downloaded.");
  }
  const refusal = outputUrlRefusal(parsed, options.hosts);
  // Not retried: another attempt (and another paid prediction) would be sent to the same place.
  if (refusal) throw new ReplicateError("invalid", refusal);
  let bytes: Buffer;
  try {
    const response = await fetch(url, {
      cache: "no-store",
      // A redirect would lead to a host nobody checked.
      redirect: "manual",
      signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]),
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw new ReplicateError("invalid", "The model's output was a redirect to somewhere else, which is not followed.", {
        detail: `HTTP ${response.status} to ${(response.headers.get("location") ?? "").slice(0, 200)}`,
      });
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => undefined);
      throw new ReplicateError("output", "The model's output had expired before it could be saved.", {
        detail: `HTTP ${response.status}`,
      });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new ReplicateError("server", "Replicate's file server is having trouble.", { detail: `HTTP ${response.status}` });
    }
    bytes = await readAtMost(response, options.maxBytes);
  } catch (error) {
    if (error instanceof ReplicateError || signal.aborted) throw error;
    throw networkError(error);
  }
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
  options: DownloadOptions,
  signal: AbortSignal,
): Promise<Buffer> {
  return resilience.run(() => resilience.guard(() => fetchOnce(url, kind, options, signal), signal), { maxRetries: 3, signal });
}
