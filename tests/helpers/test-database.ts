import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

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
  const db = new Database(path.join(dataDir, "storyreel.db"));
  const root = path.join(process.cwd(), "prisma", "migrations");
  for (const dir of fs
    .readdirSync(root)
    .filter((d) => fs.statSync(path.join(root, d)).isDirectory())
    .sort()) {
    db.exec(fs.readFileSync(path.join(root, dir, "migration.sql"), "utf8"));
  }
  db.close();
  return dataDir;
}
