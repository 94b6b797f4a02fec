import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";

/**
 * A backup is a folder: manifest.json (written last, so a folder without one is not a backup), the database as
 * storyreel.db, and DATA_DIR's files under files/. The manifest is read back as hostile input: a backup may have
 * been edited, damaged or made by someone else.
 */

export const MANIFEST_FILE = "manifest.json";
export const DATABASE_FILE = "storyreel.db";
export const FILES_DIR = "files";
export const BACKUP_FORMAT = "storyreel-backup";
export const BACKUP_FORMAT_VERSION = 1;

/** A backup or restore refused for a reason a person can act on; the message says which and what to do. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupRefused";
  }
}

// Every key Storyreel writes is made of these (ids, "scene-r2.jpg", "auth-secret"); a name outside them, or one
// starting with a dot, is nothing of ours (a staging folder of a restore, an editor's swap file) and is left out.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** A relative path with `/` between plain names: no `..`, no `.`, no absolute path, no backslash. */
export function isSafeRelativePath(relative: string): boolean {
  if (relative.length === 0 || relative.length > 1000) return false;
  return relative.split("/").every((segment) => SEGMENT.test(segment) && segment !== "." && segment !== "..");
}

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits");
const fileEntrySchema = z.object({
  path: z.string().refine(isSafeRelativePath, "must be a relative path of plain names (no .., no absolute path)"),
  size: z.number().int().min(0),
  sha256: sha256Schema,
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  appVersion: z.string().max(100),
  migrations: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,200}$/)).max(10_000),
  database: z.object({ size: z.number().int().min(1), sha256: sha256Schema }),
  files: z.array(fileEntrySchema).max(10_000_000),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

const issueText = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(top)"} ${issue.message}`)
    .join("; ");

/** The paths must also fit together: none twice, and none both a file and a folder of another. */
function checkPathsFitTogether(files: FileEntry[], manifestFile: string): void {
  const paths = new Set<string>();
  for (const { path: p } of files) {
    if (paths.has(p)) throw new BackupRefused(`${manifestFile} lists ${p} twice: the manifest was edited or damaged.`);
    paths.add(p);
  }
  for (const p of paths) {
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join("/");
      if (paths.has(folder)) throw new BackupRefused(`${manifestFile} lists ${folder} both as a file and as a folder of ${p}.`);
    }
  }
}

/** The manifest of the backup in `dir`, checked; a sentence naming what is wrong otherwise. */
export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (!fs.existsSync(dir)) throw new BackupRefused(`There is no backup at ${dir}: the folder does not exist.`);
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new BackupRefused(
        `${dir} has no ${MANIFEST_FILE}: it is not a Storyreel backup, or the backup was interrupted before it finished.`,
      );
    }
    throw new BackupRefused(`${file} cannot be read: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupRefused(`${file} is not valid JSON: the backup is damaged.`);
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === "number" && version > BACKUP_FORMAT_VERSION) {
    throw new BackupRefused(
      `The backup at ${dir} was made by a newer version of Storyreel (backup format ${version}; this version reads ` +
        `format ${BACKUP_FORMAT_VERSION}): restore it with that version.`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BackupRefused(`${file} is not a valid Storyreel backup manifest: ${issueText(parsed.error)}.`);
  checkPathsFitTogether(parsed.data.files, file);
  return parsed.data;
}

export interface Copied {
  size: number;
  sha256: string;
}

/**
 * Copies `from` to a new file `to` (never over one), hashing the bytes as they pass: null when `from` is gone
 * (deleted while a backup runs is fine) or is not a regular file. A symbolic link is never followed.
 */
export async function copyWithChecksum(from: string, to: string, mode = 0o600): Promise<Copied | null> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(from, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ELOOP" || code === "ENOTDIR") return null;
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) return null;
    await fsp.mkdir(path.dirname(to), { recursive: true });
    const hash = createHash("sha256");
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(handle.createReadStream({ autoClose: false }), measure, fs.createWriteStream(to, { flags: "wx", mode }));
    } catch (error) {
      await fsp.rm(to, { force: true });
      throw error;
    }
    return { size, sha256: hash.digest("hex") };
  } finally {
    await handle.close();
  }
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}
