import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { getEnv } from "@/lib/env";
import { withOneStatementAtATime } from "./one-connection";
import { migrateDatabase } from "./migrate";

export type Db = PrismaClient;

// Next.js may evaluate this module more than once per process: keep one client.
const globalForDb = globalThis as unknown as { storyreelDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (globalForDb.storyreelDb) return globalForDb.storyreelDb;
  const env = getEnv();
  const url = env.databaseUrl;
  if (url.startsWith("file:")) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  // A busy timeout lets a second writer wait for the lock instead of failing at once.
  const adapter = withOneStatementAtATime(new PrismaBetterSQLite3({ url, timeout: env.SQLITE_BUSY_TIMEOUT_MS }));
  globalForDb.storyreelDb = new PrismaClient({ adapter });
  return globalForDb.storyreelDb;
}

/**
 * Every process that opens the database (web server, worker, CLI) calls this first: it applies any pending
 * migration (lib/db/migrate.ts), then checks the journal mode.
 *
 * WAL is required, not a tuning choice: in WAL a COMMIT never waits for a lock, so it cannot fail with
 * SQLITE_BUSY. In the default rollback-journal mode it can, and prisma/orm#29933 then leaves the
 * better-sqlite3 adapter inside a dead transaction (its mutex never released, later writes lost).
 * Every transaction here also opens with a write, which takes the write lock at once as BEGIN IMMEDIATE
 * would, so no transaction reads a snapshot that a concurrent writer can invalidate (SQLITE_BUSY_SNAPSHOT).
 */
export async function prepareDatabase(db: PrismaClient = getDb()): Promise<void> {
  migrateDatabase();
  const rows = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode = WAL");
  const mode = rows[0]?.journal_mode?.toLowerCase();
  if (mode !== "wal") {
    throw new Error(
      `The database could not be switched to WAL mode (it is "${mode}"). Put DATA_DIR on a local disk: ` +
        "network file systems do not support SQLite's WAL, and without it concurrent writers can lose data.",
    );
  }
}
