import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { format, resolveConfig } from "prettier";
import { buildOpenApiDocument, API_VERSION } from "@/lib/api-contract/openapi-document";

export const API_TYPES_FILE = "lib/api-client/api-types.ts";

const HEADER = `// Made by \`npm run api:types\` from the OpenAPI document (lib/api-contract): edit the schemas there, not this file.
// tests/unit/api-client.test.ts fails when the two differ.
`;

/** The TypeScript types of the public API (paths, operations, bodies), as openapi-typescript writes them. */
export async function renderApiTypes(): Promise<string> {
  const document = buildOpenApiDocument(API_VERSION) as unknown as OpenAPI3;
  const source = HEADER + astToString(await openapiTS(document, { silent: true, alphabetize: true }));
  return format(source, { ...(await resolveConfig(API_TYPES_FILE)), filepath: API_TYPES_FILE });
}
