import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { BackupRefused } from "./backup-manifest";

/** DATA_DIR and the SQLite file of this configuration, as the server resolves them (lib/env). */
export function configuredPaths(): { dataDir: string; databaseFile: string } {
  const env = getEnv();
  if (!env.databaseUrl.startsWith("file:")) {
    throw new BackupRefused("DATABASE_URL must be a SQLite file URL (file:...) for a backup or a restore.");
  }
  return { dataDir: env.dataDir, databaseFile: path.resolve(env.databaseUrl.slice("file:".length).split("?")[0]!) };
}

/** package.json's version where the command runs (the repository, or a deployed copy of it). */
export function appVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}
