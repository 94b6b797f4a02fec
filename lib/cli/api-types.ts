// `npm run api:types`: writes the typed client's types from the OpenAPI document (lib/api-client/api-types.ts).
import fsp from "node:fs/promises";
import { API_TYPES_FILE, renderApiTypes } from "@/lib/api-client/render-api-types";

renderApiTypes().then(
  async (source) => {
    await fsp.writeFile(API_TYPES_FILE, source);
    console.log(`wrote ${API_TYPES_FILE}`);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
