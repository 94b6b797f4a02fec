import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { resolveDatabaseUrl } from "./lib/env/database-url";

// The JS schema engine runs migrations through the same driver the app uses,
// so the Prisma CLI never needs to download a native engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const url = resolveDatabaseUrl(process.env);
    if (url.startsWith("file:")) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
