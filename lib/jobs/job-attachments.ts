import { randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import { invalidInput } from "@/lib/errors";
import { commitTemp, createTempPath, discardTemp, pathForKey, removeKey } from "@/lib/storage/file-storage";
import { attachmentKey } from "@/lib/storage/keys";
import { findOwnAsset } from "@/lib/uploads/assets";

export interface Attachments {
  musicKey: string | null;
  referenceKey: string | null;
  /** Takes the copies back when the job is not made after all. */
  discard: () => Promise<void>;
}

async function copyOf(ownerId: string, storageKey: string): Promise<string> {
  const key = attachmentKey(ownerId, `${randomBytes(12).toString("hex")}.${storageKey.split(".").pop()}`);
  const temp = await createTempPath(key);
  try {
    await fsp.copyFile(pathForKey(storageKey), temp);
    await commitTemp(temp, key);
  } finally {
    await discardTemp(temp);
  }
  return key;
}

/**
 * The uploads a new job uses, copied for the job before it is written: the music bed (a sound) and the reference
 * image (an image). Its own copies mean deleting an upload later breaks no video. Another's or no such upload: 404.
 */
export async function copyAttachments(
  ownerId: string,
  input: { musicUploadId?: string; referenceUploadId?: string },
): Promise<Attachments> {
  const music = input.musicUploadId ? await findOwnAsset(ownerId, input.musicUploadId) : null;
  if (music && music.kind !== "audio") throw invalidInput("The music must be a sound upload; that one is an image.");
  const reference = input.referenceUploadId ? await findOwnAsset(ownerId, input.referenceUploadId) : null;
  if (reference && reference.kind !== "image") throw invalidInput("The reference must be an image upload; that one is a sound.");
  const musicKey = music ? await copyOf(ownerId, music.storageKey) : null;
  const referenceKey = reference ? await copyOf(ownerId, reference.storageKey) : null;
  return {
    musicKey,
    referenceKey,
    discard: async () => {
      for (const key of [musicKey, referenceKey]) if (key) await removeKey(key);
    },
  };
}
