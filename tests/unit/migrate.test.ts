import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { DatabaseUnavailableError } from "@/lib/db/database-errors";
import { migrateSqliteFile } from "@/lib/db/migrate";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-migrate-"));
const MIGRATIONS = fs.readdirSync("prisma/migrations").filter((name) => fs.existsSync(`prisma/migrations/${name}/migration.sql`));

function migrationsDir(migrations: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const schemaOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as unknown[];
  } finally {
    db.close();
  }
};

describe("migrating the SQLite file", () => {
  it("gives the same schema and records as prisma migrate deploy, which then finds nothing to do", () => {
    const ours = path.join(tempDir(), "ours.db");
    const prismas = path.join(tempDir(), "prisma.db");
    assert.deepEqual(migrateSqliteFile(ours).applied, MIGRATIONS);
    assert.deepEqual(migrateSqliteFile(ours).applied, [], "a second run finds the schema current");

    const prisma = (command: string, file: string) =>
      spawnSync("npx", ["prisma", "migrate", command], {
        env: { ...process.env, DATABASE_URL: `file:${file}` },
        encoding: "utf8",
      });
    const deploy = prisma("deploy", prismas);
    assert.equal(deploy.status, 0, deploy.stderr);
    assert.deepEqual(schemaOf(ours), schemaOf(prismas));
    const status = prisma("status", ours);
    assert.equal(status.status, 0, status.stdout + status.stderr);
    assert.match(status.stdout, /Database schema is up to date/);
  });

  it("applies once when several processes start at the same instant", { timeout: 60_000 }, async () => {
    const file = path.join(tempDir(), "race.db");
    const children = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ["--import", "tsx", "tests/fakes/migrate-when-told.ts", file]);
      let stdout = "";
      let stderr = "";
      const ready = new Promise<void>((resolve) =>
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
          if (stdout.startsWith("ready\n")) resolve();
        }),
      );
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      return { child, ready, exited, output: () => ({ stdout, stderr }) };
    });
    // Every process has loaded and opened nothing yet; then all are released together.
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.child.stdin.write("go\n");
    const codes = await Promise.all(children.map((c) => c.exited));
    const outputs = children.map((c) => c.output());
    codes.forEach((code, i) => assert.equal(code, 0, outputs[i]!.stderr));
    const applied = outputs.map((o) => (JSON.parse(o.stdout.trim().split("\n").at(-1)!) as { applied: string[] }).applied);
    assert.deepEqual(
      applied.filter((names) => names.length > 0),
      [MIGRATIONS],
      "exactly one process applied them all",
    );
    const db = new Database(file, { readonly: true });
    assert.equal((db.prepare("SELECT count(*) AS n FROM _prisma_migrations").get() as { n: number }).n, MIGRATIONS.length);
    db.close();
  });

  it("applies a failing migration not at all: no table, no record", () => {
    const file = path.join(tempDir(), "broken.db");
    const dir = migrationsDir({
      "1_good": "CREATE TABLE a (id INTEGER PRIMARY KEY);",
      "2_broken": "CREATE TABLE b (id INTEGER PRIMARY KEY);\nINSERT INTO missing VALUES (1);",
    });
    assert.throws(() => migrateSqliteFile(file, { migrationsDir: dir }), /no such table: missing/);
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    db.close();
    assert.deepEqual(tables, [], "the good migration went back with the broken one, so a fixed version starts clean");
  });

  it("rebuilds a parent table without cascading deletes into its children", () => {
    const file = path.join(tempDir(), "rebuild.db");
    const first = {
      "1_tables": `CREATE TABLE parent (id INTEGER PRIMARY KEY);
        CREATE TABLE child (id INTEGER PRIMARY KEY, parentId INTEGER REFERENCES parent(id) ON DELETE CASCADE);
        INSERT INTO parent VALUES (1); INSERT INTO child VALUES (10, 1);`,
    };
    migrateSqliteFile(file, { migrationsDir: migrationsDir(first) });
    // The shape Prisma writes for a changed column: copy, drop, rename.
    const rebuild = `PRAGMA foreign_keys=OFF;
      CREATE TABLE new_parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
      INSERT INTO new_parent (id) SELECT id FROM parent; DROP TABLE parent; ALTER TABLE new_parent RENAME TO parent;
      PRAGMA foreign_keys=ON;`;
    migrateSqliteFile(file, { migrationsDir: migrationsDir({ ...first, "2_rebuild": rebuild }) });
    const db = new Database(file, { readonly: true });
    assert.deepEqual(db.prepare("SELECT id, parentId FROM child").all(), [{ id: 10, parentId: 1 }]);
    db.close();
  });

  it("refuses, with a sentence, a database left by a failed migration or made by a newer version", () => {
    const dir = migrationsDir({ "1_a": "CREATE TABLE a (id INTEGER PRIMARY KEY);" });
    const withRow = (finishedAt: string | null) => {
      const file = path.join(tempDir(), "refuse.db");
      migrateSqliteFile(file, { migrationsDir: dir });
      const db = new Database(file);
      db.prepare(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at) VALUES ('x', 'c', '2_b', 'now', ?)",
      ).run(finishedAt);
      db.close();
      return file;
    };
    const withB = migrationsDir({ "1_a": "CREATE TABLE a (id INTEGER PRIMARY KEY);", "2_b": "SELECT 1;" });
    assert.throws(
      () => migrateSqliteFile(withRow(null), { migrationsDir: withB }),
      (error: unknown) => error instanceof DatabaseUnavailableError && /2_b failed part-way/.test(error.message),
    );
    assert.throws(
      () => migrateSqliteFile(withRow("now"), { migrationsDir: dir }),
      (error: unknown) => error instanceof DatabaseUnavailableError && /does not know \(2_b\).+newer version/.test(error.message),
    );
  });

  it("says the database is busy when another process holds its write lock past the wait", () => {
    const file = path.join(tempDir(), "busy.db");
    const dir = migrationsDir({ "1_a": "CREATE TABLE a (id INTEGER PRIMARY KEY);" });
    migrateSqliteFile(file, { migrationsDir: dir });
    const holder = new Database(file);
    holder.exec("BEGIN IMMEDIATE; INSERT INTO a VALUES (1);");
    try {
      const more = migrationsDir({ "1_a": "CREATE TABLE a (id INTEGER PRIMARY KEY);", "2_b": "CREATE TABLE b (id INTEGER);" });
      assert.throws(
        () => migrateSqliteFile(file, { migrationsDir: more, busyTimeoutMs: 200 }),
        (error: unknown) => error instanceof DatabaseUnavailableError && /busy\.db is busy: .+Try again/.test(error.message),
      );
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("keeps every job when the owner and back-end columns take their one names", () => {
    const file = path.join(tempDir(), "renamed.db");
    const before = migrationsDir({});
    for (const name of MIGRATIONS.filter((name) => name < "20261202070000_one_names"))
      fs.cpSync(path.join("prisma/migrations", name), path.join(before, name), { recursive: true });
    migrateSqliteFile(file, { migrationsDir: before });
    const db = new Database(file);
    db.exec(`INSERT INTO "User" (id, name, email, updatedAt) VALUES ('u1', 'Ada', 'ada@example.com', 0);
      INSERT INTO "Job" (id, clientId, prompt, style, aspectRatio, sceneCount, seed, provider, updatedAt)
      VALUES ('j1', 'u1', 'A cat', 'cinematic', '16:9', 3, 7, 'replicate', 0);`);
    db.close();

    assert.deepEqual(
      migrateSqliteFile(file).applied,
      MIGRATIONS.filter((name) => name >= "20261202070000_one_names"),
    );
    const after = new Database(file, { readonly: true });
    try {
      assert.deepEqual(after.prepare('SELECT id, userId, backend FROM "Job"').all(), [
        { id: "j1", userId: "u1", backend: "replicate" },
      ]);
      const indexes = after.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Job'").all();
      assert.ok(indexes.some((row) => (row as { name: string }).name === "Job_userId_createdAt_idx"));
      assert.equal(after.prepare("PRAGMA foreign_key_check").all().length, 0, "the owner still points at its user");
    } finally {
      after.close();
    }
  });
});
