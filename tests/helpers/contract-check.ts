import assert from "node:assert/strict";
import { z } from "zod";

type Json = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, { responses: Record<string, Json> }>>; components: Json };

/**
 * Checks answers against an OpenAPI document: the status must be one the operation declares, and the body must
 * fit that status's schema. It remembers which operations and statuses it saw, for the test to report.
 */
export function contractChecker(document: unknown) {
  const doc = document as Doc;
  // The document's JSON Schemas read back into validators (zod's JSON Schema reader), one per answer.
  const compiled = new Map<string, z.ZodType>();
  const schemas = doc.components.schemas as Record<string, Json>;
  const inline = (schema: Json): Json => {
    const ref = schema.$ref as string | undefined;
    return ref?.startsWith("#/components/schemas/") ? schemas[ref.split("/").pop()!]! : schema;
  };
  const seen = new Set<string>();

  const responseOf = (method: string, template: string, status: number): Json => {
    const operation = doc.paths[template]?.[method.toLowerCase()];
    assert.ok(operation, `${method} ${template} is not in the document`);
    const declared = operation.responses[String(status)];
    assert.ok(declared, `${method} ${template} answered ${status}, which the document does not declare`);
    const ref = declared.$ref as string | undefined;
    return ref ? (doc.components.responses as Record<string, Json>)[ref.split("/").pop()!]! : declared;
  };

  return {
    seen,
    check(method: string, template: string, status: number, contentType: string | null, body: unknown) {
      seen.add(`${method.toLowerCase()} ${template} ${status}`);
      const response = responseOf(method, template, status);
      const content = response.content as Record<string, { schema: Json }> | undefined;
      if (!content) return assert.ok(body === null || body === "", `${method} ${template} ${status} has no body`);
      const entry = Object.entries(content).find(([type]) => contentType?.startsWith(type));
      assert.ok(entry, `${method} ${template} ${status}: ${contentType}, not ${Object.keys(content).join(" or ")}`);
      const [type, media] = entry;
      if (type !== "application/json") return;
      const key = `${method} ${template} ${status}`;
      const validator = compiled.get(key) ?? z.fromJSONSchema(inline(media.schema) as Parameters<typeof z.fromJSONSchema>[0]);
      compiled.set(key, validator);
      const result = validator.safeParse(body);
      assert.ok(result.success, `${key}: ${result.error?.message}\n${JSON.stringify(body).slice(0, 400)}`);
    },
  };
}
