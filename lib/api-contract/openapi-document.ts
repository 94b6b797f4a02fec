import { z } from "zod";
import { errorBodySchema } from "./error-body-schema";
import { OPERATIONS, type Operation } from "./operations";
import { RESPONSE_SCHEMAS } from "./operation-responses";
import { anyObjectSchema } from "./response-schemas";

type JsonSchema = Record<string, unknown>;

const COMMON_ERRORS = [400, 401, 404, 429, 500];
const REASONS: Record<number, string> = {
  400: "The input does not fit (the message says which field and why)",
  401: "No session or API token",
  402: "Over a budget",
  403: "Not allowed",
  404: "No such thing, or not yours",
  409: "Not in a state that allows this",
  410: "Expired or used",
  413: "Body too large",
  415: "Wrong Content-Type",
  416: "Range not satisfiable",
  429: "Too many requests (Retry-After)",
  500: "Unexpected failure: a generic sentence and the request id",
};

// io "input": a request schema is described as the client sends it (before defaults and coercions apply).
const requestSchema = (schema: z.ZodType): JsonSchema =>
  strip(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }));
const responseSchema = (schema: z.ZodType): JsonSchema =>
  strip(z.toJSONSchema(schema, { target: "draft-2020-12", io: "output", unrepresentable: "any" }));

// OpenAPI 3.1's dialect is 2020-12 already; a per-schema $schema is noise there.
function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

function parametersOf(op: Operation): JsonSchema[] {
  const path = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  if (!op.query) return path;
  const query = requestSchema(op.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return [
    ...path,
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: "query",
      required: query.required?.includes(name) ?? false,
      schema,
    })),
  ];
}

function responsesOf(op: Operation): JsonSchema {
  const responses: JsonSchema = {};
  for (const [status, answer] of Object.entries(op.ok)) {
    const schema = RESPONSE_SCHEMAS[`${op.method} ${op.path} ${status}`];
    const contentTypes = [answer.contentType ?? "application/json"].flat();
    responses[status] = answer.empty
      ? { description: answer.description }
      : {
          description: answer.description,
          content: Object.fromEntries(contentTypes.map((type) => [type, { schema: responseSchema(schema ?? anyObjectSchema) }])),
        };
  }
  for (const status of [...COMMON_ERRORS, ...(op.errors ?? [])].sort()) {
    responses[status] = { $ref: `#/components/responses/Error${status}` };
  }
  return responses;
}

const RAW_BODIES = {
  "multipart/form-data": {
    schema: {
      type: "object",
      properties: { file: { type: "string", contentMediaType: "application/octet-stream" } },
      required: ["file"],
    },
  },
  "application/zip": { schema: { type: "string", contentMediaType: "application/zip" } },
};

function operationOf(op: Operation): JsonSchema {
  return {
    operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())}`,
    summary: op.summary,
    tags: [op.tag],
    ...(op.public ? { security: [] } : {}),
    parameters: parametersOf(op),
    ...(op.rawBody ? { requestBody: { required: true, content: { [op.rawBody]: RAW_BODIES[op.rawBody] } } } : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: requestSchema(op.body) } } } } : {}),
    responses: responsesOf(op),
  };
}

/** The OpenAPI 3.1 document of the public API, made from the zod schemas the routes parse with. */
export function buildOpenApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationOf(op);
  const errorStatuses = [...new Set(OPERATIONS.flatMap((op) => [...COMMON_ERRORS, ...(op.errors ?? [])]))].sort();
  return {
    openapi: "3.1.0",
    info: { title: "Storyreel API", version, description: "Prompt to short video, with a human approving the storyboard." },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal API token (Account page or POST /api/tokens)" },
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
      },
      schemas: { ErrorBody: responseSchema(errorBodySchema) },
      responses: Object.fromEntries(
        errorStatuses.map((status) => [
          `Error${status}`,
          {
            description: REASONS[status] ?? "Error",
            content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
          },
        ]),
      ),
    },
  };
}

export const API_VERSION = "1.0.0";
let built: JsonSchema | undefined;

/** The document, built once per process (the schemas do not change while it runs). */
export function openApiDocument(): JsonSchema {
  return (built ??= buildOpenApiDocument(API_VERSION));
}
