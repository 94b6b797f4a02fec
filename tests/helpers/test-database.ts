import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqliteFile } from "@/lib/db/migrate";

/**
 * Points this test process at a fresh DATA_DIR with a real SQLite file and the real migrations
 * applied. Call before anything reads the environment (getEnv caches).
 */
export function prepareFreshDataDir(label: string): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `storyreel-${label}-`));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  process.env.LOG_LEVEL = "silent";
  // Lifecycle tests keep many jobs in flight for one owner; the limit has its own test over HTTP.
  process.env.MAX_ACTIVE_JOBS_PER_USER = "100";
  migrateSqliteFile(path.join(dataDir, "storyreel.db"));
  return dataDir;
}
