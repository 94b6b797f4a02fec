import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupRefused,
  copyWithChecksum,
  DATABASE_FILE,
  FILES_DIR,
  isSafeRelativePath,
  MANIFEST_FILE,
  sha256OfFile,
  type BackupManifest,
  type FileEntry,
} from "./backup-manifest";
import { countRecords, appliedMigrations, type RecordCounts } from "./database-facts";

export interface BackupOptions {
  dataDir: string;
  /** The SQLite file (inside DATA_DIR unless DATABASE_URL puts it elsewhere). */
  databaseFile: string;
  outDir: string;
  appVersion: string;
  busyTimeoutMs?: number;
}

export interface BackupOutcome {
  manifest: BackupManifest;
  records: RecordCounts;
  bytes: number;
  /** Files listed at the start that were deleted before they were copied (a job's temp work, a removed upload). */
  vanished: string[];
}

// Temp files a write has not renamed into place yet (createTempPath in lib/storage/file-storage.ts and its kin).
const TEMP_FILE = /\.part(\.[A-Za-z0-9]+)?$/;
const SKIPPED_FOLDERS = new Set(["uploads/tmp"]);

/** DATA_DIR's files worth keeping, relative and sorted; the database and its journals are copied apart. */
export async function listDataFiles(dataDir: string, databaseFile: string): Promise<string[]> {
  const database = path.relative(dataDir, databaseFile);
  const databaseFiles = new Set(["", "-wal", "-shm", "-journal"].map((suffix) => database + suffix));
  const found: string[] = [];
  const walk = async (relative: string) => {
    const entries = await fsp.readdir(path.join(dataDir, relative), { withFileTypes: true }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    });
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (!isSafeRelativePath(child) || SKIPPED_FOLDERS.has(child)) continue;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && !TEMP_FILE.test(entry.name) && !databaseFiles.has(child)) found.push(child);
    }
  };
  await walk("");
  return found.sort();
}

/**
 * SQLite's online backup API: a page-exact copy as of one instant while the server keeps writing. Copying every
 * page in one step holds one read transaction (which never blocks a WAL writer); in small steps a busy server's
 * writes would restart the copy again and again.
 */
async function snapshotDatabase(databaseFile: string, target: string, busyTimeoutMs: number): Promise<void> {
  if (!fs.existsSync(databaseFile)) {
    throw new BackupRefused(`There is no database at ${databaseFile}: nothing to back up (check DATA_DIR and DATABASE_URL).`);
  }
  const source = new Database(databaseFile, { fileMustExist: true, timeout: busyTimeoutMs });
  try {
    await source.backup(target, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    source.close();
  }
  // The copy keeps the source's WAL flag; one self-contained file is what a backup should be.
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new BackupRefused(`The database ${databaseFile} failed SQLite's check (${String(check)}).`);
  } finally {
    copy.close();
  }
}

async function prepareOutDir(outDir: string, dataDir: string): Promise<boolean> {
  const relative = path.relative(dataDir, outDir);
  if (relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative))) {
    throw new BackupRefused(`--out ${outDir} is inside DATA_DIR (${dataDir}): put the backup somewhere else.`);
  }
  const existing = await fsp.readdir(outDir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR") throw new BackupRefused(`--out ${outDir} is a file, not a folder.`);
    throw error;
  });
  if (existing && existing.length > 0) {
    throw new BackupRefused(`--out ${outDir} is not empty: give a new folder (a backup never writes over another).`);
  }
  await fsp.mkdir(outDir, { recursive: true, mode: 0o700 });
  return existing === null;
}

/** Writes a backup of DATA_DIR into `outDir` (new or empty); on failure leaves nothing of it behind. */
export async function createBackup(options: BackupOptions): Promise<BackupOutcome> {
  const { dataDir, databaseFile, outDir } = options;
  const created = await prepareOutDir(outDir, dataDir);
  try {
    const databaseCopy = path.join(outDir, DATABASE_FILE);
    await snapshotDatabase(databaseFile, databaseCopy, options.busyTimeoutMs ?? 15_000);
    const facts = new Database(databaseCopy, { readonly: true, fileMustExist: true });
    let migrations: string[];
    let records: RecordCounts;
    try {
      migrations = appliedMigrations(facts);
      records = countRecords(facts);
    } finally {
      facts.close();
    }
    // After the snapshot: a file written since is kept (harmless), one deleted since is skipped.
    const files: FileEntry[] = [];
    const vanished: string[] = [];
    for (const relative of await listDataFiles(dataDir, databaseFile)) {
      const copied = await copyWithChecksum(path.join(dataDir, relative), path.join(outDir, FILES_DIR, relative));
      if (copied) files.push({ path: relative, ...copied });
      else vanished.push(relative);
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      appVersion: options.appVersion,
      migrations,
      database: { size: fs.statSync(databaseCopy).size, sha256: await sha256OfFile(databaseCopy) },
      files,
    };
    // The manifest last, renamed into place: a folder that has one holds a whole backup.
    const temp = path.join(outDir, `.${MANIFEST_FILE}.part`);
    await fsp.writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await fsp.rename(temp, path.join(outDir, MANIFEST_FILE));
    const bytes = manifest.database.size + files.reduce((sum, file) => sum + file.size, 0);
    return { manifest, records, bytes, vanished };
  } catch (error) {
    if (created) await fsp.rm(outDir, { recursive: true, force: true });
    else for (const name of await fsp.readdir(outDir)) await fsp.rm(path.join(outDir, name), { recursive: true, force: true });
    throw error;
  }
}
