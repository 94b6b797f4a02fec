import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { outlineDocument } from "@/lib/api-contract/document-outline";
import { buildOpenApiDocument } from "@/lib/api-contract/openapi-document";
import { INTERNAL_ROUTES, OPERATIONS } from "@/lib/api-contract/operations";

const document = buildOpenApiDocument("test");
type Paths = Record<string, Record<string, { responses: Record<string, unknown> }>>;
const paths = document.paths as Paths;

// Every app/api/**/route.ts as its address: /api/jobs/[id]/approve.
function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [`/${path.relative("app", dir).split(path.sep).join("/")}`] : [];
  });
}
// The document's own path template for a folder address: [id] -> {id}.
const asTemplate = (route: string) => route.replace(/\[(\w+)\]/g, "{$1}");
const SELF = "/api/openapi.json";

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    assert.deepEqual(result.errors, undefined);
    assert.equal(result.valid, true);
    assert.equal(validator.version, "3.1");
  });

  it("names every route file under app/api, or lists it as internal with a reason", () => {
    const documented = new Set(Object.keys(paths));
    const missing = routeFiles("app/api").filter(
      (route) => route !== SELF && !documented.has(asTemplate(route)) && !(route in INTERNAL_ROUTES),
    );
    assert.deepEqual(missing, []);
    for (const internal of Object.keys(INTERNAL_ROUTES)) assert.ok(routeFiles("app/api").includes(internal), internal);
  });

  it("gives every operation the one error body for 400, 401, 404, 429 and 500, and the bearer scheme", () => {
    for (const op of OPERATIONS) {
      const responses = paths[op.path]?.[op.method]?.responses ?? {};
      for (const status of ["400", "401", "404", "429", "500"]) {
        assert.deepEqual(responses[status], { $ref: `#/components/responses/Error${status}` }, `${op.method} ${op.path}`);
      }
    }
    const components = document.components as { securitySchemes: Record<string, { scheme?: string }> };
    assert.equal(components.securitySchemes.bearer?.scheme, "bearer");
  });

  it("describes request bodies from the routes' own zod schemas", () => {
    const create = paths["/api/jobs"]?.post as unknown as {
      requestBody: { content: { "application/json": { schema: { required: string[]; additionalProperties: boolean } } } };
    };
    const schema = create.requestBody.content["application/json"].schema;
    assert.deepEqual(schema.required, ["prompt"]);
    assert.equal(schema.additionalProperties, false);
  });

  it("has unique operation ids and outlines every operation for the docs page", () => {
    const groups = outlineDocument(document);
    const ids = [...groups.values()].flat().map((op) => op.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, OPERATIONS.length);
  });
});
