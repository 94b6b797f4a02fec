import fsp from "node:fs/promises";
import { fileTypeFromFile } from "file-type";
import sharp from "@/lib/media/sharp";
import { AppError } from "@/lib/errors";
import { ffmpegPath } from "@/lib/media/binaries";
import { probeAudio, probeDuration } from "@/lib/media/probe-video";
import { runProcess } from "@/lib/media/run-process";
import { hasOwnEntry } from "@/lib/util/own-entry";
import { megabytes, uploadLimits } from "./upload-limits";

export interface CheckedUpload {
  kind: "image" | "audio";
  ext: "jpg" | "png" | "m4a";
  contentType: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
}

const IMAGES: Record<string, string> = { jpg: "JPEG", png: "PNG", webp: "WebP", avif: "AVIF" };
const SOUNDS: Record<string, string> = { mp3: "MP3", wav: "WAV", ogg: "Ogg", opus: "Opus", m4a: "M4A", flac: "FLAC", aac: "AAC" };
const WHAT_FITS = "upload a JPEG, PNG, WebP or AVIF image, or an MP3, WAV, Ogg, M4A or FLAC sound";
// Markup or code hidden inside an image makes it a polyglot: refused, though re-encoding would drop it anyway.
const MARKERS = ["<script", "<!doctype", "<html", "<?php", "javascript:"].map((m) => Buffer.from(m));

const unsupported = (message: string) => new AppError("unsupported_media_type", message);
const unreadable = (message: string) => new AppError("unprocessable", message);

function hasMarkup(bytes: Buffer): boolean {
  const lower = Buffer.from(bytes.map((b) => (b >= 0x41 && b <= 0x5a ? b + 32 : b)));
  return MARKERS.some((marker) => lower.includes(marker));
}

const IEND = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const EOI = Buffer.from([0xff, 0xd9]);
const looksLikeText = (bytes: Buffer) =>
  bytes.length > 0 &&
  bytes.filter((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f)).length >= bytes.length * 0.9;

/**
 * Whether the image ends where its format says it does (JPEG's EOI, PNG's IEND, WebP's RIFF size): more after the
 * end is something riding along (a polyglot); no end at all is a file cut short.
 */
function endOfImage(ext: string, bytes: Buffer): "ok" | "trailing" | "truncated" {
  if (ext === "png") {
    const at = bytes.lastIndexOf(IEND);
    return at < 0 ? "truncated" : at + IEND.length === bytes.length ? "ok" : "trailing";
  }
  if (ext === "jpg") {
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--; // some cameras pad with zeros
    if (bytes.subarray(end - 2, end).equals(EOI)) return "ok";
    const at = bytes.lastIndexOf(EOI);
    return at >= 0 && looksLikeText(bytes.subarray(at + 2)) ? "trailing" : "truncated";
  }
  if (ext === "webp") {
    const declared = bytes.readUInt32LE(4) + 8;
    return declared === bytes.length ? "ok" : declared < bytes.length ? "trailing" : "truncated";
  }
  return "ok";
}

function describe(detected: { ext: string; mime: string } | undefined, head: Buffer): string {
  if (detected) return `a ${detected.ext.toUpperCase()} file (${detected.mime})`;
  const text = head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b !== 0x7f) || b >= 0x80);
  return text ? "text (HTML, SVG, a script or plain text), not an image or a sound" : "not a kind of file Storyreel knows";
}

async function checkImage(tempPath: string, outPath: string, ext: string, bytes: Buffer): Promise<CheckedUpload> {
  const limits = uploadLimits();
  const label = IMAGES[ext]!;
  if (bytes.length > limits.imageBytes) {
    throw new AppError(
      "payload_too_large",
      `The image is larger than ${megabytes(limits.imageBytes)}, the most an image may be.`,
    );
  }
  const ending = endOfImage(ext, bytes);
  if (ending === "trailing" || hasMarkup(bytes)) {
    throw unsupported(
      `This ${label} image carries something else inside it (a polyglot file), so it is refused; export it again from an image editor.`,
    );
  }
  if (ending === "truncated") throw unreadable(`The ${label} image is cut short: its end is missing.`);
  // The header alone, without sharp's own pixel limit, so a huge image is told its size rather than "unreadable".
  const meta = await sharp(tempPath, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta?.width || !meta.height) throw unreadable(`The ${label} image could not be read: it is damaged or cut short.`);
  const pixels = meta.width * meta.height;
  if (pixels > limits.imagePixels) {
    throw unreadable(
      `The image is ${meta.width} × ${meta.height} pixels (${Math.round(pixels / 1e6)} megapixels); the most is ${Math.round(limits.imagePixels / 1e6)} megapixels.`,
    );
  }
  // Decoded in full (a damaged file fails here), turned upright, and written anew without its EXIF or GPS data.
  const image = sharp(tempPath, { limitInputPixels: limits.imagePixels, failOn: "truncated" }).rotate();
  const alpha = meta.hasAlpha === true;
  const out = await (alpha ? image.png() : image.jpeg({ quality: 90 })).toFile(outPath).catch(() => null);
  if (!out) throw unreadable(`The ${label} image could not be decoded: it is damaged or cut short.`);
  return {
    kind: "image",
    ext: alpha ? "png" : "jpg",
    contentType: alpha ? "image/png" : "image/jpeg",
    width: out.width,
    height: out.height,
    durationSec: null,
  };
}

// A sound's length comes from its header, which can lie (an MP3's Xing frame count is whatever the file says), so
// the decode is cut a second past the limit and what came out is measured: more than the limit was a longer file.
const DECODE_PAST_LIMIT_SEC = 1;
// AAC rounds a sound's end up to a whole frame (about 20 ms), so a sound exactly at the limit measures a little over.
const LENGTH_TOLERANCE_SEC = 0.1;

async function checkAudio(
  tempPath: string,
  outPath: string,
  ext: string,
  size: number,
  abandoned: AbortSignal,
): Promise<CheckedUpload> {
  const limits = uploadLimits();
  const label = SOUNDS[ext]!;
  if (size > limits.audioBytes) {
    throw new AppError("payload_too_large", `The sound is larger than ${megabytes(limits.audioBytes)}, the most a sound may be.`);
  }
  // The probe and the decode run against a deadline, and stop when the person who sent the file goes away.
  const deadline = AbortSignal.timeout(limits.audioDecodeMs);
  const signal = AbortSignal.any([abandoned, deadline]);
  const throwIfStopped = () => {
    if (abandoned.aborted) throw new AppError("invalid_input", "The upload was abandoned while its sound was being checked.");
    if (deadline.aborted) {
      throw unreadable(
        `The ${label} file took longer than ${limits.audioDecodeMs / 1000} seconds to decode, so it was not kept; try a shorter or simpler file.`,
      );
    }
  };
  const probe = await probeAudio(tempPath, signal).catch(() => null);
  const declared = probe?.durationSec ?? NaN;
  throwIfStopped();
  if (!probe || !Number.isFinite(declared) || declared <= 0) {
    throw unreadable(`The ${label} file has no sound that could be read: it is damaged, cut short or empty.`);
  }
  if (declared > limits.audioSeconds) {
    throw unreadable(
      `The sound is ${Math.round(declared)} seconds long; the most is ${limits.audioSeconds} seconds (${limits.audioSeconds / 60} minutes).`,
    );
  }
  // Decoded and written anew as AAC without its tags, so what is kept is only sound.
  const encoded = await runProcess(
    ffmpegPath(),
    [
      ...["-v", "error", "-xerror", "-i", tempPath, "-map", "0:a:0", "-vn", "-map_metadata", "-1"],
      ...["-t", String(limits.audioSeconds + DECODE_PAST_LIMIT_SEC)],
      ...["-c:a", "aac", "-b:a", "192k", "-f", "mp4", "-movflags", "+faststart", "-y", outPath],
    ],
    signal,
  ).then(
    () => true,
    () => false,
  );
  const decoded = encoded ? await probeDuration(outPath, signal).catch(() => NaN) : NaN;
  throwIfStopped();
  if (!Number.isFinite(decoded)) throw unreadable(`The ${label} file could not be decoded: it is damaged or cut short.`);
  if (decoded > limits.audioSeconds + LENGTH_TOLERANCE_SEC) {
    throw unreadable(
      `The sound is longer than ${limits.audioSeconds} seconds, though its header says ${Math.round(declared)}; the most is ${limits.audioSeconds} seconds.`,
    );
  }
  return { kind: "audio", ext: "m4a", contentType: "audio/mp4", width: null, height: null, durationSec: decoded };
}

/**
 * What the uploaded bytes really are (never the name or the Content-Type), checked against the limits and written
 * to `outPath` re-encoded. Anything else is refused: 415 for kinds Storyreel does not take (with what it is), 422
 * for files that do not decode (or take too long to), 413 past a kind's size. `abandoned` stops the work when the
 * sender has gone away.
 */
export async function inspectUpload(tempPath: string, outPath: string, abandoned: AbortSignal): Promise<CheckedUpload> {
  const detected = await fileTypeFromFile(tempPath).catch(() => undefined);
  const ext = detected?.ext ?? "";
  if (hasOwnEntry(IMAGES, ext)) return checkImage(tempPath, outPath, ext, await fsp.readFile(tempPath));
  if (hasOwnEntry(SOUNDS, ext)) return checkAudio(tempPath, outPath, ext, (await fsp.stat(tempPath)).size, abandoned);
  const handle = await fsp.open(tempPath);
  const head = Buffer.alloc(512);
  const { bytesRead } = await handle.read(head, 0, 512, 0).finally(() => handle.close());
  throw unsupported(`This file is ${describe(detected, head.subarray(0, bytesRead))}; ${WHAT_FITS}.`);
}
