import { AppError } from "@/lib/errors";
import { tooLargeLabel } from "./body-sizes";

/** The most a JSON body may be on every route that takes one (a webhook reads more, within the edge's limit). */
export const JSON_BODY_MAX_BYTES = 64 * 1024;

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${tooLargeLabel(maxBytes)}.`);

/**
 * The body as text, read with an explicit size limit (route handlers have none of their own): a declared
 * length over it is refused before a byte is read, and a body that turns out larger is cut off there.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client hung up mid-body: its mistake (or its network's), not the server's.
      throw new AppError("invalid_input", "The request body was cut off before it ended.");
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk.value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_input", "The request body is not valid UTF-8 text.");
  }
}

const notJson = () =>
  new AppError("unsupported_media_type", "Send the request body as JSON with the header Content-Type: application/json.");
const isJsonType = (request: Request) =>
  (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";

function parseJsonObject(text: string): Record<string, unknown> {
  if (!text.trim()) throw new AppError("invalid_input", "The request body is empty; send a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("invalid_input", "The request body must be a JSON object ({ ... }).");
  }
  return value as Record<string, unknown>;
}

/** A JSON object from the body: exactly `application/json`, within the size limit, and an object, not null or a list. */
export async function readJsonBody(request: Request, maxBytes = JSON_BODY_MAX_BYTES): Promise<Record<string, unknown>> {
  if (!isJsonType(request)) throw notJson();
  return parseJsonObject(await readBodyText(request, maxBytes));
}

/** `readJsonBody` for a body that may be left out: no body at all, or an empty JSON one, is `{}`. */
export async function readOptionalJsonBody(request: Request, maxBytes = JSON_BODY_MAX_BYTES): Promise<Record<string, unknown>> {
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === "" && (isJsonType(request) || !request.headers.has("content-type"))) return {};
  if (!isJsonType(request)) throw notJson();
  return parseJsonObject(text);
}
