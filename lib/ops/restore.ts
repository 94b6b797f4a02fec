import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { knownMigrations, migrateSqliteFile } from "@/lib/db/migrate";
import {
  BackupRefused,
  copyWithChecksum,
  DATABASE_FILE,
  FILES_DIR,
  isSafeRelativePath,
  readManifest,
  type BackupManifest,
  type FileEntry,
} from "./backup-manifest";
import { countRecords, type RecordCounts } from "./database-facts";

export interface RestoreOptions {
  backupDir: string;
  dataDir: string;
  databaseFile: string;
  /** Restore over a DATA_DIR that has data: what is there is moved aside, never deleted. */
  force?: boolean;
  migrationsDir?: string;
}

export interface RestoreOutcome {
  manifest: BackupManifest;
  records: RecordCounts;
  /** Migrations applied after the restore (a backup made by an older version). */
  migrated: string[];
  /** Where the data that was in DATA_DIR went (--force), if there was any. */
  movedAside: string | null;
}

const DATABASE_SUFFIXES = ["", "-wal", "-shm", "-journal"];
const isInside = (parent: string, child: string) => {
  const relative = path.relative(parent, child);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
};

/** What in DATA_DIR is data: names Storyreel could have written (a restore's own dot folders and lost+found are not). */
async function occupiedNames(dataDir: string): Promise<string[]> {
  try {
    return (await fsp.readdir(dataDir)).filter(isSafeRelativePath).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    if (code === "ENOTDIR") throw new BackupRefused(`DATA_DIR ${dataDir} is a file, not a folder.`);
    throw error;
  }
}

function refuseNewerMigrations(manifest: BackupManifest, migrationsDir: string | undefined): void {
  const known = new Set(knownMigrations(migrationsDir));
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  throw new BackupRefused(
    `The backup's database has migrations this version of Storyreel does not know (${unknown.slice(0, 5).join(", ")}): ` +
      `it was made by a newer version (${manifest.appVersion}). Restore it with that version or a later one.`,
  );
}

async function copyVerified(from: string, to: string, expected: Omit<FileEntry, "path">, name: string): Promise<void> {
  const copied = await copyWithChecksum(from, to);
  if (!copied) throw new BackupRefused(`The backup has no file ${name}, which its manifest lists: the backup is incomplete.`);
  if (copied.size !== expected.size || copied.sha256 !== expected.sha256) {
    throw new BackupRefused(
      `The backup's file ${name} does not match its manifest (${copied.size === expected.size ? "its checksum differs" : `${copied.size} bytes, the manifest says ${expected.size}`}): ` +
        "the backup was damaged or changed since it was made. Restore from another backup.",
    );
  }
}

/** A file of the backup, refused when a linked folder inside the backup would lead outside it. */
async function backupFile(filesRoot: string, relative: string): Promise<string> {
  const file = path.join(filesRoot, relative);
  const folder = await fsp.realpath(path.dirname(file)).catch(() => null);
  if (folder && folder !== filesRoot && !isInside(filesRoot, folder)) {
    throw new BackupRefused(`The backup's file ${relative} lies in a folder linked to outside the backup: refused.`);
  }
  return file;
}

async function moveAside(dataDir: string, names: string[], databaseFile: string, databaseInside: boolean): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const aside = path.join(dataDir, `.before-restore-${stamp}`);
  await fsp.mkdir(aside, { recursive: true, mode: 0o700 });
  for (const name of names) await fsp.rename(path.join(dataDir, name), path.join(aside, name));
  if (!databaseInside) {
    for (const suffix of DATABASE_SUFFIXES) {
      const file = databaseFile + suffix;
      if (fs.existsSync(file)) await fsp.rename(file, path.join(aside, path.basename(file)));
    }
  }
  return aside;
}

/**
 * Brings a backup back into DATA_DIR: every file is copied into a staging folder inside DATA_DIR (same disk, so a
 * rename moves it) and checked against the manifest, the database is migrated there, and only then is anything
 * renamed into place, the database last. A refused restore leaves DATA_DIR as it was.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreOutcome> {
  const backupDir = path.resolve(options.backupDir);
  const dataDir = path.resolve(options.dataDir);
  const databaseFile = path.resolve(options.databaseFile);
  const manifest = readManifest(backupDir);
  refuseNewerMigrations(manifest, options.migrationsDir);

  const databaseInside = isInside(dataDir, databaseFile);
  const databaseRelative = path.relative(dataDir, databaseFile).split(path.sep).join("/");
  if (databaseInside) {
    const reserved = new Set(DATABASE_SUFFIXES.map((suffix) => databaseRelative + suffix));
    const clash = manifest.files.find((file) => reserved.has(file.path) || databaseRelative.startsWith(`${file.path}/`));
    if (clash) throw new BackupRefused(`The backup lists a file ${clash.path} where the database goes: the manifest was edited.`);
  }
  const occupied = await occupiedNames(dataDir);
  const outsideDatabase = !databaseInside && DATABASE_SUFFIXES.some((suffix) => fs.existsSync(databaseFile + suffix));
  if ((occupied.length > 0 || outsideDatabase) && !options.force) {
    const found = [
      occupied.length > 0
        ? `DATA_DIR ${dataDir} is not empty (it has ${occupied.slice(0, 5).join(", ")}${occupied.length > 5 ? ", ..." : ""})`
        : "",
      outsideDatabase ? `the database ${databaseFile} exists` : "",
    ];
    throw new BackupRefused(
      `${found.filter(Boolean).join(" and ")}: restore into an empty DATA_DIR, ` +
        "or stop the server and add --force to move what is there aside (nothing is deleted).",
    );
  }

  const createdDataDir = !fs.existsSync(dataDir);
  await fsp.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const staging = await fsp.mkdtemp(path.join(dataDir, ".restore-"));
  const stagedDatabase = databaseInside
    ? path.join(staging, databaseRelative)
    : `${databaseFile}.restore-${randomBytes(4).toString("hex")}`;
  let migrated: string[];
  let records: RecordCounts;
  try {
    const filesRoot = await fsp.realpath(path.join(backupDir, FILES_DIR)).catch(() => path.join(backupDir, FILES_DIR));
    for (const file of manifest.files) {
      await copyVerified(await backupFile(filesRoot, file.path), path.join(staging, file.path), file, file.path);
    }
    await fsp.mkdir(path.dirname(stagedDatabase), { recursive: true });
    await copyVerified(path.join(backupDir, DATABASE_FILE), stagedDatabase, manifest.database, DATABASE_FILE);
    migrated = migrateSqliteFile(stagedDatabase, { migrationsDir: options.migrationsDir }).applied;
    // Read-write, so closing it checkpoints and removes the -wal and -shm that migrating made.
    const db = new Database(stagedDatabase, { fileMustExist: true });
    try {
      records = countRecords(db);
    } finally {
      db.close();
    }
  } catch (error) {
    await fsp.rm(staging, { recursive: true, force: true });
    if (!databaseInside) for (const suffix of DATABASE_SUFFIXES) await fsp.rm(stagedDatabase + suffix, { force: true });
    if (createdDataDir) await fsp.rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const movedAside =
    occupied.length > 0 || outsideDatabase ? await moveAside(dataDir, occupied, databaseFile, databaseInside) : null;
  // The database last: until it is in place, a server started on DATA_DIR finds no studio rather than half of one.
  const databaseTop = databaseInside ? databaseRelative.split("/")[0]! : "";
  const last = (name: string) => (name === databaseTop ? 2 : databaseTop && name.startsWith(databaseTop) ? 1 : 0);
  const staged = (await fsp.readdir(staging)).sort((a, b) => last(a) - last(b));
  for (const name of staged) await fsp.rename(path.join(staging, name), path.join(dataDir, name));
  if (!databaseInside) await fsp.rename(stagedDatabase, databaseFile);
  await fsp.rm(staging, { recursive: true, force: true });
  return { manifest, records, migrated, movedAside };
}
