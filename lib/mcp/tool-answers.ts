import { ZodError } from "zod";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/** What a tool answers: the result as JSON text (what every client shows) and as structured content. */
export function toolAnswer(result: Record<string, unknown>, origin: string): CallToolResult {
  const absolute = withAbsoluteUrls(result, origin) as Record<string, unknown>;
  return { content: [{ type: "text", text: JSON.stringify(absolute, null, 2) }], structuredContent: absolute };
}

/**
 * A refusal the API would answer with a 4xx comes back as a tool error with the API's own sentence and code, so
 * an assistant can read it and change course; anything else is logged and told in general words.
 */
export function toolError(error: unknown): CallToolResult {
  if (error instanceof AppError && error.status < 500) return refusal(error.code, error.message);
  if (error instanceof ZodError) return refusal("invalid_input", error.issues.map((issue) => issue.message).join(" "));
  log.error("mcp tool failed", { error: error instanceof Error ? error.message : String(error) });
  return refusal("internal", "Something went wrong on the studio's side; try again in a moment.");
}

const refusal = (code: string, message: string): CallToolResult => ({
  isError: true,
  content: [{ type: "text", text: message }],
  structuredContent: { error: { code, message } },
});

/**
 * The studio's links are paths (`/api/media/...`); an assistant outside the browser needs whole URLs. Only the
 * fields that are links change (`...Url`, and everything under `links`): a caption may well start with a slash.
 */
function withAbsoluteUrls(value: unknown, origin: string, isLink = false): unknown {
  if (typeof value === "string") return isLink && value.startsWith("/") && !value.startsWith("//") ? origin + value : value;
  if (Array.isArray(value)) return value.map((item) => withAbsoluteUrls(item, origin, isLink));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        withAbsoluteUrls(item, origin, isLink || key === "links" || /Url$/.test(key)),
      ]),
    );
  }
  return value;
}
