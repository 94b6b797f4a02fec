import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { migrateSqliteFile } from "@/lib/db/migrate";
import { createBackup } from "@/lib/ops/backup";
import { BackupRefused, copyWithChecksum, isSafeRelativePath, type BackupManifest } from "@/lib/ops/backup-manifest";
import { restoreBackup } from "@/lib/ops/restore";

const MIGRATIONS = fs.readdirSync("prisma/migrations").filter((name) => fs.existsSync(`prisma/migrations/${name}/migration.sql`));
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-backup-"));
const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** Every file under `dir`, relative, sorted (dot folders included: a restore must leave none behind). */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const KEPT = ["attachments/u1/music.m4a", "auth-secret", "storyboards/j1/s1-r1.jpg", "uploads/u1/a1.jpg", "videos/j1/final.mp4"];

/** A studio's DATA_DIR: a migrated database with a row of ours, media, and what a backup must leave out. */
function makeDataDir(): { dataDir: string; databaseFile: string } {
  const dataDir = tempDir();
  const databaseFile = path.join(dataDir, "storyreel.db");
  migrateSqliteFile(databaseFile);
  const db = new Database(databaseFile);
  db.prepare("INSERT INTO Setting (key, value) VALUES ('marker', 'from the original')").run();
  db.close();
  for (const [index, key] of KEPT.entries()) {
    fs.mkdirSync(path.dirname(path.join(dataDir, key)), { recursive: true });
    fs.writeFileSync(path.join(dataDir, key), `bytes of ${key} `.repeat(index + 1));
  }
  fs.writeFileSync(path.join(dataDir, "videos/j1/final.mp4.1a2b3c4d.part.mp4"), "half a render");
  fs.mkdirSync(path.join(dataDir, "uploads/tmp"));
  fs.writeFileSync(path.join(dataDir, "uploads/tmp/abc.part"), "an upload arriving");
  fs.mkdirSync(path.join(dataDir, ".restore-old"));
  fs.writeFileSync(path.join(dataDir, ".restore-old/x"), "a restore's leftovers");
  fs.symlinkSync("/etc/hostname", path.join(dataDir, "videos/j1/linked.mp4"));
  return { dataDir, databaseFile };
}

const settingOf = (databaseFile: string) => {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return (db.prepare("SELECT value FROM Setting WHERE key = 'marker'").get() as { value: string } | undefined)?.value;
  } finally {
    db.close();
  }
};

/** Damages a copy of a backup; what it returns (if anything) is written as the manifest. */
type Edit = (dir: string, manifest: BackupManifest) => unknown;

let original: { dataDir: string; databaseFile: string };
let backupDir: string;

/** A copy of the shared backup to damage, and an empty place to restore it into. */
function scratch(edit?: Edit) {
  const dir = path.join(tempDir(), "backup");
  fs.cpSync(backupDir, dir, { recursive: true });
  const manifestFile = path.join(dir, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as BackupManifest;
  const edited = edit?.(dir, manifest);
  if (edited !== undefined) fs.writeFileSync(manifestFile, JSON.stringify(edited));
  const dataDir = path.join(tempDir(), "data");
  return { dir, dataDir, databaseFile: path.join(dataDir, "storyreel.db") };
}

async function refused(run: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof BackupRefused, `a refusal, not ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

const restoreInto = (target: ReturnType<typeof scratch>, extra: { force?: boolean; migrationsDir?: string } = {}) =>
  restoreBackup({ backupDir: target.dir, dataDir: target.dataDir, databaseFile: target.databaseFile, ...extra });

before(async () => {
  original = makeDataDir();
  backupDir = path.join(tempDir(), "backup");
  await createBackup({ ...original, outDir: backupDir, appVersion: "1.2.3" });
});

describe("npm run backup", () => {
  it("writes the database, every kept file and a manifest of their checksums", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")) as BackupManifest;
    assert.equal(manifest.formatVersion, 1);
    assert.equal(manifest.appVersion, "1.2.3");
    assert.deepEqual(manifest.migrations, MIGRATIONS);
    assert.deepEqual(
      manifest.files.map((f) => f.path),
      KEPT,
      "temp files, uploads/tmp, dot folders and links are left out",
    );
    for (const file of manifest.files) {
      assert.equal(file.sha256, sha256(path.join(original.dataDir, file.path)), file.path);
      assert.equal(file.size, fs.statSync(path.join(original.dataDir, file.path)).size);
    }
    assert.equal(manifest.database.sha256, sha256(path.join(backupDir, "storyreel.db")));
    assert.deepEqual(tree(backupDir), ["manifest.json", "storyreel.db", ...KEPT.map((k) => path.join("files", k))].sort());
    assert.equal(settingOf(path.join(backupDir, "storyreel.db")), "from the original");
    assert.equal(fs.statSync(backupDir).mode & 0o777, 0o700, "only its owner can read a backup (it holds the session key)");
  });

  it("takes a consistent copy while another connection keeps writing", async () => {
    const { dataDir, databaseFile } = makeDataDir();
    const writer = new Database(databaseFile);
    writer.pragma("journal_mode = WAL");
    const insert = writer.prepare("INSERT INTO Setting (key, value) VALUES (?, 'x')");
    let writes = 0;
    let writing = true;
    const keepWriting = () => {
      if (!writing) return;
      insert.run(`row-${writes++}`);
      setImmediate(keepWriting);
    };
    keepWriting();
    const outDir = path.join(tempDir(), "under-load");
    try {
      await createBackup({ dataDir, databaseFile, outDir, appVersion: "1" });
    } finally {
      writing = false;
      writer.close();
    }
    const copy = new Database(path.join(outDir, "storyreel.db"), { readonly: true });
    const check = copy.pragma("integrity_check", { simple: true });
    const rows = (copy.prepare("SELECT count(*) AS n FROM Setting WHERE key LIKE 'row-%'").get() as { n: number }).n;
    copy.close();
    assert.equal(check, "ok");
    assert.ok(rows <= writes, `${rows} rows of ${writes} written`);
    assert.equal(tree(outDir).filter((f) => /-wal|-shm/.test(f)).length, 0, "one self-contained database file");
  });

  it("skips a file deleted before it is copied, and never follows a link", async () => {
    const dir = tempDir();
    assert.equal(await copyWithChecksum(path.join(dir, "gone.mp4"), path.join(dir, "out/gone.mp4")), null);
    assert.equal(fs.existsSync(path.join(dir, "out/gone.mp4")), false);
    fs.symlinkSync("/etc/hostname", path.join(dir, "link"));
    assert.equal(await copyWithChecksum(path.join(dir, "link"), path.join(dir, "out/link")), null);
  });

  it("refuses a folder that is not empty, one inside DATA_DIR, and a DATA_DIR without a database", async () => {
    const full = tempDir();
    fs.writeFileSync(path.join(full, "something"), "kept");
    await refused(createBackup({ ...original, outDir: full, appVersion: "1" }), /is not empty: give a new folder/);
    assert.deepEqual(tree(full), ["something"]);
    const inside = path.join(original.dataDir, "backups", "today");
    await refused(createBackup({ ...original, outDir: inside, appVersion: "1" }), /is inside DATA_DIR/);
    const empty = tempDir();
    const outDir = path.join(tempDir(), "never");
    await refused(
      createBackup({ dataDir: empty, databaseFile: path.join(empty, "storyreel.db"), outDir, appVersion: "1" }),
      /There is no database at .+storyreel\.db: nothing to back up/,
    );
    assert.equal(fs.existsSync(outDir), false, "a failed backup leaves no folder behind");
    assert.equal(fs.existsSync(path.join(empty, "storyreel.db")), false, "and makes no database where there was none");
  });
});

describe("npm run restore", () => {
  it("brings every file and the database back into an empty DATA_DIR", async () => {
    const target = scratch();
    const outcome = await restoreInto(target);
    assert.deepEqual(tree(target.dataDir), [...KEPT, "storyreel.db"].sort(), "no staging folder, journal or temp file left");
    for (const key of KEPT) assert.equal(sha256(path.join(target.dataDir, key)), sha256(path.join(original.dataDir, key)), key);
    assert.equal(settingOf(target.databaseFile), "from the original");
    assert.deepEqual(outcome.migrated, [], "the backup was made by this version");
    assert.equal(outcome.movedAside, null);
  });

  it("refuses a DATA_DIR that has data, and with --force moves it aside instead of deleting it", async () => {
    const target = scratch();
    fs.mkdirSync(target.dataDir);
    fs.writeFileSync(path.join(target.dataDir, "storyreel.db"), "someone's studio");
    await refused(restoreInto(target), /DATA_DIR .+ is not empty \(it has storyreel\.db\).+--force/);
    assert.deepEqual(tree(target.dataDir), ["storyreel.db"], "refused: nothing changed");
    const outcome = await restoreInto(target, { force: true });
    assert.ok(outcome.movedAside);
    assert.equal(fs.readFileSync(path.join(outcome.movedAside, "storyreel.db"), "utf8"), "someone's studio");
    assert.equal(settingOf(target.databaseFile), "from the original");
  });

  it("counts a DATA_DIR with only lost+found or a restore's leftovers as empty", async () => {
    const target = scratch();
    fs.mkdirSync(path.join(target.dataDir, "lost+found"), { recursive: true });
    fs.mkdirSync(path.join(target.dataDir, ".restore-abc"));
    await restoreInto(target);
    assert.equal(settingOf(target.databaseFile), "from the original");
  });

  it("applies the migrations an older backup predates", async () => {
    const migrationsDir = tempDir();
    fs.cpSync("prisma/migrations", migrationsDir, { recursive: true });
    fs.mkdirSync(path.join(migrationsDir, "29991231000000_later"));
    fs.writeFileSync(path.join(migrationsDir, "29991231000000_later", "migration.sql"), 'CREATE TABLE "Later" ("id" TEXT);');
    const target = scratch();
    const outcome = await restoreInto(target, { migrationsDir });
    assert.deepEqual(outcome.migrated, ["29991231000000_later"]);
  });

  const damaged: Array<[string, Edit, RegExp]> = [
    [
      "a file changed since the backup",
      (dir) => fs.appendFileSync(path.join(dir, "files/videos/j1/final.mp4"), "!"),
      /The backup's file videos\/j1\/final\.mp4 does not match its manifest/,
    ],
    [
      "a file with the right size and other bytes",
      (dir) => {
        const file = path.join(dir, "files/storyboards/j1/s1-r1.jpg");
        const bytes = fs.readFileSync(file);
        bytes[0] = bytes[0]! ^ 1;
        fs.writeFileSync(file, bytes);
      },
      /storyboards\/j1\/s1-r1\.jpg does not match its manifest \(its checksum differs\)/,
    ],
    [
      "a damaged database",
      (dir) => fs.appendFileSync(path.join(dir, "storyreel.db"), "x"),
      /The backup's file storyreel\.db does not match its manifest/,
    ],
    [
      "a file the manifest lists that is missing",
      (dir) => fs.rmSync(path.join(dir, "files/uploads/u1/a1.jpg")),
      /The backup has no file uploads\/u1\/a1\.jpg, which its manifest lists/,
    ],
    ["no manifest", (dir) => fs.rmSync(path.join(dir, "manifest.json")), /has no manifest\.json: it is not a Storyreel backup/],
    [
      "a manifest that is not JSON",
      (dir) => fs.writeFileSync(path.join(dir, "manifest.json"), "{ half"),
      /manifest\.json is not valid JSON/,
    ],
    [
      "a manifest from a newer backup format",
      (_dir, manifest) => ({ ...manifest, formatVersion: 2 }),
      /made by a newer version of Storyreel \(backup format 2/,
    ],
    [
      "a database from newer migrations",
      (_dir, manifest) => ({ ...manifest, appVersion: "9.0.0", migrations: [...manifest.migrations, "29991231000000_future"] }),
      /migrations this version of Storyreel does not know \(29991231000000_future\): it was made by a newer version \(9\.0\.0\)/,
    ],
    ...["../outside.txt", "/etc/passwd", "videos/../../outside.txt", "videos\\j1", "videos/./final.mp4", "", ".hidden"].map(
      (hostile): [string, Edit, RegExp] => [
        `the path ${JSON.stringify(hostile)}`,
        (_dir, manifest) => ({ ...manifest, files: [...manifest.files, { ...manifest.files[0]!, path: hostile }] }),
        /not a valid Storyreel backup manifest: files\.\d+\.path must be a relative path of plain names/,
      ],
    ),
    [
      "a path listed twice",
      (_dir, manifest) => ({ ...manifest, files: [...manifest.files, manifest.files[0]!] }),
      /lists attachments\/u1\/music\.m4a twice/,
    ],
    [
      "a path that is a file and a folder",
      (_dir, manifest) => ({ ...manifest, files: [...manifest.files, { ...manifest.files[0]!, path: "auth-secret/x" }] }),
      /lists auth-secret both as a file and as a folder of auth-secret\/x/,
    ],
    [
      "a file where the database goes",
      (_dir, manifest) => ({ ...manifest, files: [...manifest.files, { ...manifest.files[0]!, path: "storyreel.db-wal" }] }),
      /lists a file storyreel\.db-wal where the database goes/,
    ],
    [
      "a folder linked to outside the backup",
      (dir, manifest) => {
        const elsewhere = tempDir();
        fs.writeFileSync(path.join(elsewhere, "final.mp4"), fs.readFileSync(path.join(dir, "files/videos/j1/final.mp4")));
        fs.rmSync(path.join(dir, "files/videos/j1"), { recursive: true });
        fs.symlinkSync(elsewhere, path.join(dir, "files/videos/j1"));
        return manifest;
      },
      /videos\/j1\/final\.mp4 lies in a folder linked to outside the backup/,
    ],
  ];
  for (const [what, edit, sentence] of damaged) {
    it(`refuses ${what}, naming it, and leaves DATA_DIR as it was`, async () => {
      const target = scratch(edit);
      await refused(restoreInto(target), sentence);
      assert.equal(fs.existsSync(target.dataDir), false, "no DATA_DIR made, no file written");
    });
  }

  it("keeps an existing DATA_DIR as it was when the backup turns out damaged", async () => {
    const target = scratch((dir) => fs.appendFileSync(path.join(dir, "files/auth-secret"), "?"));
    fs.mkdirSync(target.dataDir);
    fs.writeFileSync(path.join(target.dataDir, "storyreel.db"), "someone's studio");
    await refused(restoreInto(target, { force: true }), /auth-secret does not match its manifest/);
    assert.deepEqual(tree(target.dataDir), ["storyreel.db"]);
    assert.equal(fs.readFileSync(target.databaseFile, "utf8"), "someone's studio");
  });

  it("reads only plain relative paths", () => {
    for (const good of ["videos/j1/final.mp4", "auth-secret", "uploads/u_1/a-1.jpg"]) assert.ok(isSafeRelativePath(good), good);
    for (const bad of ["..", "a/..", "/a", "a//b", "a/", "C:\\x", "a\0b", "lost+found", ".git/config"]) {
      assert.equal(isSafeRelativePath(bad), false, bad);
    }
  });
});

describe("the commands", () => {
  const run = (script: string, args: string[], dataDir: string) =>
    spawnSync(process.execPath, ["--import", "tsx", `lib/cli/${script}.ts`, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
    });
  const noStackTrace = (output: string) => assert.doesNotMatch(output, /^\s+at .+:\d+:\d+\)?$/m, output);

  it("answer a wrong use with its usage and a refusal with a sentence, never a stack trace", () => {
    const dataDir = tempDir();
    const noOut = run("backup", [], dataDir);
    assert.equal(noOut.status, 2);
    assert.match(noOut.stderr, /^storyreel: usage: npm run backup -- --out DIR/m);
    const noDir = run("restore", [], dataDir);
    assert.equal(noDir.status, 2);
    assert.match(noDir.stderr, /^storyreel: usage: npm run restore -- DIR \[--force\]/m);
    const notABackup = run("restore", [tempDir()], path.join(tempDir(), "data"));
    assert.equal(notABackup.status, 1);
    assert.match(notABackup.stderr, /^storyreel: .+ has no manifest\.json: it is not a Storyreel backup/m);
    const nothingToBackUp = run("backup", ["--out", path.join(tempDir(), "out")], dataDir);
    assert.equal(nothingToBackUp.status, 1);
    assert.match(nothingToBackUp.stderr, /^storyreel: There is no database at .+: nothing to back up/m);
    for (const output of [noOut, noDir, notABackup, nothingToBackUp]) noStackTrace(output.stderr);
  });
});
