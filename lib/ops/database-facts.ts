import type Database from "better-sqlite3";

/** What a backup or restore reports about a database: what a person checks first after either. */
export interface RecordCounts {
  jobs: number;
  accounts: number;
  tokens: number;
}

const hasTable = (db: Database.Database, name: string) =>
  Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));

/** The migrations recorded as applied (finished, not rolled back), in order. */
export function appliedMigrations(db: Database.Database): string[] {
  if (!hasTable(db, "_prisma_migrations")) return [];
  const rows = db
    .prepare(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    )
    .all() as { migration_name: string }[];
  return rows.map((row) => row.migration_name);
}

export function countRecords(db: Database.Database): RecordCounts {
  const count = (table: string) =>
    hasTable(db, table) ? (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n : 0;
  return { jobs: count("Job"), accounts: count("User"), tokens: count("Apikey") };
}
