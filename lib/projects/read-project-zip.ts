import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { AppError, invalidInput } from "@/lib/errors";
import { megabytes } from "@/lib/uploads/upload-limits";
import { PROJECT_FILE_PATTERN, PROJECT_FOLDERS } from "./manifest";

export interface ZipLimits {
  maxEntries: number;
  /** What every entry may inflate to together: the studio's cap, or the person's remaining upload quota. */
  maxBytes: number;
  /** Whose limit `maxBytes` is, for the sentence. */
  maxBytesIs: "cap" | "quota";
  /** Inflated bytes per compressed byte past which an entry is a ZIP bomb (above a small floor). */
  maxRatio: number;
}

export interface ExtractedFile {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
// Small files (a manifest of repeated keys) compress well; a ratio means nothing below this.
const RATIO_FLOOR_BYTES = 1024 * 1024;

const refused = (message: string) => invalidInput(`${message} Nothing was imported.`);
const tooLarge = (message: string) => new AppError("payload_too_large", `${message} Nothing was imported.`);
// A name shown back in a sentence: printable, short.
const shown = (name: string) => JSON.stringify(name.replace(/[^\x20-\x7e]/g, "?").slice(0, 80));

function checkName(name: string): void {
  if (name.includes("\\"))
    throw refused(`The ZIP entry ${shown(name)} has a backslash in its name; a project ZIP uses "/" only.`);
  if (name.startsWith("/"))
    throw refused(`The ZIP entry ${shown(name)} has an absolute path; a project ZIP names its files from its top.`);
  if (/^[A-Za-z]:/.test(name)) throw refused(`The ZIP entry ${shown(name)} starts with a drive letter; a project ZIP has none.`);
  if (name.split("/").includes(".."))
    throw refused(`The ZIP entry ${shown(name)} has ".." in its path, which would leave the project.`);
}

/** The entry's file type from its Unix mode, where its maker recorded one (0 when it did not). */
function fileType(entry: yauzl.Entry): number {
  return (entry.externalFileAttributes >>> 16) & S_IFMT;
}

function checkEntry(entry: yauzl.Entry, name: string, seen: Set<string>): "file" | "folder" {
  checkName(name);
  const type = fileType(entry);
  if (type === S_IFLNK) throw refused(`The ZIP entry ${shown(name)} is a symbolic link; a project ZIP holds plain files only.`);
  const folder = name.endsWith("/");
  if (folder ? type !== 0 && type !== S_IFDIR : type !== 0 && type !== S_IFREG) {
    throw refused(
      `The ZIP entry ${shown(name)} is not a plain file (a device, pipe or socket); a project ZIP holds plain files only.`,
    );
  }
  if (entry.isEncrypted())
    throw refused(`The ZIP entry ${shown(name)} is encrypted; export the project again without a password.`);
  if (folder ? !(PROJECT_FOLDERS as readonly string[]).includes(name) : !PROJECT_FILE_PATTERN.test(name)) {
    throw refused(
      `The ZIP holds ${shown(name)}, which is not part of a Storyreel project (manifest.json, captions, music.m4a, stills/, clips/ and narration/ only).`,
    );
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw refused(`The ZIP entry ${shown(name)} uses a compression this studio does not read; use "stored" or "deflate".`);
  }
  if (seen.has(name)) throw refused(`The ZIP holds ${shown(name)} twice.`);
  seen.add(name);
  return folder ? "folder" : "file";
}

function overBytes(limits: ZipLimits): AppError {
  return tooLarge(
    limits.maxBytesIs === "quota"
      ? `The project's files come to more than the ${megabytes(limits.maxBytes)} your uploads have left: delete some on the Uploads page first.`
      : `The project's files come to more than ${megabytes(limits.maxBytes)}, the most one import may be.`,
  );
}

async function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      validateEntrySizes: true,
      decodeStrings: false,
      autoClose: false,
    });
  } catch {
    throw new AppError(
      "unsupported_media_type",
      "The body is not a ZIP file (or it is cut short): send a project ZIP exported from Storyreel. Nothing was imported.",
    );
  }
}

/**
 * Reads a project ZIP from the central directory, refusing anything but the files a project has, and inflates each
 * into `workDir` (flat, under a generated name) while counting the bytes that really come out and hashing them.
 * Every refusal is an AppError with its own sentence; the caller removes `workDir` whatever happens.
 */
export async function extractProjectZip(
  zipPath: string,
  workDir: string,
  limits: ZipLimits,
): Promise<Map<string, ExtractedFile>> {
  const zip = await openZip(zipPath);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw tooLarge(`The ZIP has ${zip.entryCount} entries; a project has at most ${limits.maxEntries}.`);
    }
    const files = new Map<string, ExtractedFile>();
    const seen = new Set<string>();
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileNameRaw.toString(entry.generalPurposeBitFlag & 0x800 ? "utf8" : "latin1");
      if (checkEntry(entry, name, seen) === "folder") continue;
      if (total + entry.uncompressedSize > limits.maxBytes) throw overBytes(limits);
      const target = path.join(workDir, `${files.size}-${path.basename(name)}`);
      const hash = createHash("sha256");
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          total += chunk.length;
          if (total > limits.maxBytes) return done(overBytes(limits));
          if (bytes > RATIO_FLOOR_BYTES && bytes > entry.compressedSize * limits.maxRatio) {
            return done(
              tooLarge(`The ZIP entry ${shown(name)} inflates to over ${limits.maxRatio} times its size, as a ZIP bomb does.`),
            );
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        const stream = await zip.openReadStreamPromise(entry);
        await pipeline(stream, counter, fs.createWriteStream(target, { flags: "wx" }));
      } catch (error) {
        if (error instanceof AppError) throw error;
        const message = error instanceof Error ? error.message : "";
        if (/too many bytes|not enough bytes|size mismatch/.test(message)) {
          throw refused(
            `The ZIP entry ${shown(name)} does not hold as many bytes as its header says: the ZIP is damaged or forged.`,
          );
        }
        throw refused(`The ZIP entry ${shown(name)} could not be read: the ZIP is damaged.`);
      }
      files.set(name, { name, path: target, sha256: hash.digest("hex"), bytes });
    }
    return files;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // yauzl's own refusals while walking the directory: a size that does not match, a broken record.
    const message = error instanceof Error ? error.message : "";
    if (/size mismatch/.test(message)) {
      throw refused("A ZIP entry's sizes do not agree with each other: the ZIP is damaged or forged.");
    }
    throw refused("The ZIP's table of contents could not be read: the ZIP is damaged.");
  } finally {
    zip.close();
  }
}
