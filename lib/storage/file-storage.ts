import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { getEnv } from "@/lib/env";

/** Every byte Storyreel keeps on disk goes through here, under DATA_DIR. */
export function pathForKey(key: string): string {
  const root = getEnv().dataDir;
  const full = path.resolve(root, key);
  if (!full.startsWith(root + path.sep)) throw new Error(`Storage key escapes the data directory: ${key}`);
  return full;
}

/** The key of a file under DATA_DIR (the inverse of `pathForKey`). */
export function keyForPath(filePath: string): string {
  const root = getEnv().dataDir;
  const full = path.resolve(filePath);
  if (!full.startsWith(root + path.sep)) throw new Error(`${filePath} is not under the data directory.`);
  return path.relative(root, full).split(path.sep).join("/");
}

/** A temp path beside the final one; `commitTemp` renames it into place so readers never see half a file. */
export async function createTempPath(key: string): Promise<string> {
  const final = pathForKey(key);
  await fsp.mkdir(path.dirname(final), { recursive: true });
  return `${final}.${randomBytes(4).toString("hex")}.part${path.extname(final)}`;
}

export async function commitTemp(tempPath: string, key: string): Promise<void> {
  await fsp.rename(tempPath, pathForKey(key));
}

export async function discardTemp(tempPath: string): Promise<void> {
  await fsp.rm(tempPath, { force: true });
}

export async function writeFileAtomic(key: string, data: Buffer): Promise<void> {
  const temp = await createTempPath(key);
  try {
    await fsp.writeFile(temp, data);
    await commitTemp(temp, key);
  } catch (error) {
    await discardTemp(temp);
    throw error;
  }
}

export async function statKey(key: string): Promise<{ size: number; mtime: Date } | null> {
  try {
    const stat = await fsp.stat(pathForKey(key));
    return stat.isFile() ? { size: stat.size, mtime: stat.mtime } : null;
  } catch {
    return null;
  }
}

export function openReadStream(key: string, range?: { start: number; end: number }): fs.ReadStream {
  return fs.createReadStream(pathForKey(key), range);
}

export async function removeKey(key: string): Promise<void> {
  await fsp.rm(pathForKey(key), { force: true });
}

const JOB_PREFIXES = ["storyboards", "clips", "videos"];

/** Half-written files a killed runner left behind (temp files never renamed into place). */
export async function discardPartialFiles(jobId: string): Promise<string[]> {
  const removed: string[] = [];
  for (const prefix of JOB_PREFIXES) {
    const dir = pathForKey(`${prefix}/${jobId}`);
    const names = await fsp.readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.includes(".part"))) {
      await fsp.rm(path.join(dir, name), { force: true });
      removed.push(`${prefix}/${jobId}/${name}`);
    }
  }
  return removed;
}
