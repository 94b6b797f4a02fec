import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { DatabaseUnavailableError, describeSqliteFailure } from "./database-errors";

/**
 * Applies prisma/migrations to the SQLite file, recording them in Prisma's own `_prisma_migrations` table (same
 * columns and checksums, so `prisma migrate status` agrees). Prisma's JS schema engine fails whenever another
 * process has the database open; this runs in one write transaction instead, so two processes started together
 * serialise on SQLite's lock: the first applies, the second waits and then finds nothing left to do.
 */

export interface MigrationOutcome {
  applied: string[];
  /** Applied migrations whose file has changed since (Prisma's warning, not an error). */
  edited: string[];
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const timestamp = () => new Date().toISOString().replace("Z", "+00:00");

export function defaultMigrationsDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
}

function readMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** The migrations this version of Storyreel carries, by name in the order they apply (backups, readiness). */
export function knownMigrations(dir = defaultMigrationsDir()): string[] {
  return readMigrations(dir).map((migration) => migration.name);
}

function appliedRows(db: Database.Database): AppliedRow[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  if (!exists) return [];
  return db.prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations").all() as AppliedRow[];
}

/** What is left to apply, or a sentence when the database cannot be migrated by this version. */
function plan(rows: AppliedRow[], migrations: ReturnType<typeof readMigrations>) {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.find((row) => row.finished_at === null);
  if (failed) {
    throw new DatabaseUnavailableError(
      `The migration ${failed.migration_name} failed part-way in an earlier run and left the database as it was then. ` +
        "Restore a backup, or fix the schema by hand and mark it with `npx prisma migrate resolve`.",
    );
  }
  const known = new Set(migrations.map((m) => m.name));
  const unknown = live.filter((row) => !known.has(row.migration_name)).map((row) => row.migration_name);
  if (unknown.length > 0) {
    throw new DatabaseUnavailableError(
      `The database has migrations this version of Storyreel does not know (${unknown.join(", ")}): ` +
        "it was last used by a newer version. Run that version, or restore a backup made before it.",
    );
  }
  const done = new Map(live.map((row) => [row.migration_name, row.checksum]));
  return {
    pending: migrations.filter((m) => !done.has(m.name)),
    edited: migrations.filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum).map((m) => m.name),
  };
}

function applyPending(db: Database.Database, migrations: ReturnType<typeof readMigrations>): MigrationOutcome {
  // Taking the write lock first (BEGIN IMMEDIATE) is what makes a second process wait rather than apply twice.
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec(MIGRATIONS_TABLE);
    const { pending, edited } = plan(appliedRows(db), migrations);
    const record = db.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, ?, 1)`,
    );
    for (const migration of pending) {
      const startedAt = timestamp();
      db.exec(migration.sql);
      record.run(randomUUID(), migration.checksum, timestamp(), migration.name, startedAt);
    }
    const broken = db.prepare("PRAGMA foreign_key_check").all();
    if (broken.length > 0) throw new Error(`the migrations left ${broken.length} rows with a missing parent`);
    db.exec("COMMIT");
    return { applied: pending.map((m) => m.name), edited };
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

/** Brings the SQLite file at `file` up to date; safe to call from every process, at any time, concurrently. */
export function migrateSqliteFile(
  file: string,
  options: { migrationsDir?: string; busyTimeoutMs?: number } = {},
): MigrationOutcome {
  const migrations = readMigrations(options.migrationsDir ?? defaultMigrationsDir());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 15_000 });
    // WAL before anything else (see prepareDatabase); table rebuilds must not cascade deletes, so no foreign
    // keys while migrating (SQLite ignores this pragma inside a transaction), checked before commit instead.
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = OFF");
    // The common case (already current) reads only, so a command beside a busy server never waits for its lock.
    const current = plan(appliedRows(db), migrations);
    if (current.pending.length === 0) return { applied: [], edited: current.edited };
    return applyPending(db, migrations);
  } catch (error) {
    const sentence = describeSqliteFailure(error, file);
    if (sentence) throw new DatabaseUnavailableError(sentence, { cause: error });
    throw error;
  } finally {
    db?.close();
  }
}

/** The configured database, migrated: every process (server, worker, command) calls this before using it. */
export function migrateDatabase(): MigrationOutcome {
  const env = getEnv();
  if (!env.databaseUrl.startsWith("file:")) {
    const scheme = env.databaseUrl.split(":")[0]!.slice(0, 20);
    throw new DatabaseUnavailableError(`DATABASE_URL must be a SQLite file URL (file:...); it starts with "${scheme}:".`);
  }
  const file = path.resolve(/*turbopackIgnore: true*/ env.databaseUrl.slice("file:".length).split("?")[0]!);
  // Migrating waits longer than a query: the other process may be applying the same migrations right now.
  const outcome = migrateSqliteFile(file, { busyTimeoutMs: Math.max(env.SQLITE_BUSY_TIMEOUT_MS, 15_000) });
  if (outcome.applied.length > 0) log.info("database migrated", { applied: outcome.applied });
  for (const name of outcome.edited) log.warn("a migration was edited after it was applied", { migration: name });
  return outcome;
}
