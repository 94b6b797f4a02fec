import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { prepareFreshDataDir } from "../helpers/test-database";
import { getDb } from "@/lib/db/client";
import { checkDatabase, checkFfmpeg, checkReadiness, checkStorage } from "@/lib/readiness";

let dataDir = "";
before(() => {
  dataDir = prepareFreshDataDir("readiness");
});
after(() => getDb().$disconnect());

describe("readiness", () => {
  it("is ready on a migrated database, a writable DATA_DIR and the shipped ffmpeg, leaving no probe file", async () => {
    assert.deepEqual(await checkReadiness(), {
      ready: true,
      checks: { database: { ok: true }, storage: { ok: true }, ffmpeg: { ok: true } },
    });
    assert.deepEqual(
      fs.readdirSync(dataDir).filter((name) => name.startsWith(".ready-")),
      [],
    );
  });

  it("names the migrations the database is missing, and the whole is then not ready", async () => {
    const db = new Database(path.join(dataDir, "storyreel.db"));
    const last = db.prepare("SELECT * FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1").get() as Record<
      string,
      unknown
    > & { migration_name: string };
    db.prepare("DELETE FROM _prisma_migrations WHERE migration_name = ?").run(last.migration_name);
    try {
      const database = await checkDatabase();
      assert.equal(database.ok, false);
      assert.match(!database.ok ? database.problem : "", new RegExp(`missing 1 migrations \\(${last.migration_name}\\)`));
      assert.equal((await checkReadiness()).ready, false);
    } finally {
      const columns = Object.keys(last);
      db.prepare(`INSERT INTO _prisma_migrations (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(
        ...columns.map((c) => last[c]),
      );
      db.close();
    }
    assert.deepEqual(await checkDatabase(), { ok: true });
  });

  it("says storage cannot be written where no file can be made", async () => {
    // A path under a regular file: refused even for root, which ignores permission bits.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-ready-")), "a-file");
    fs.writeFileSync(file, "");
    const storage = await checkStorage(path.join(file, "data"));
    assert.equal(storage.ok, false);
    assert.match(!storage.ok ? storage.problem : "", /^Storage \(DATA_DIR\) cannot be written: ENOTDIR/);
  });

  it("says which binary does not run: missing, failing, or hung past the timeout", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-ready-bin-"));
    const script = (name: string, body: string) => {
      fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      return () => path.join(dir, name);
    };
    const check = await checkFfmpeg(
      {
        ffmpeg: () => path.join(dir, "absent"),
        ffprobe: script("failing", "exit 3"),
        hung: script("hung", "exec sleep 30"),
        installer: () => {
          throw "Could not find ffmpeg executable";
        },
      },
      300,
    );
    assert.equal(check.ok, false);
    const problem = !check.ok ? check.problem : "";
    assert.match(problem, /ffmpeg does not run: spawn .*absent ENOENT/);
    assert.match(problem, /ffprobe does not run: failing exited with code 3/);
    assert.match(problem, /hung does not run: no answer in 0.3 s/);
    assert.match(problem, /installer does not run: Could not find ffmpeg executable/);
  });
});
