import { ID_PATTERN_SOURCE } from "@/lib/vocabulary";

// Storage keys are generated here from ids we created, never from user input.

export const stillKey = (jobId: string, sceneId: string, revision: number) => `storyboards/${jobId}/${sceneId}-r${revision}.jpg`;
/** Named for what the clip was made from (lib/pipeline/clip-recipe.ts), so the same inputs find the same file. */
export const clipKey = (jobId: string, sceneId: string, recipe: string, ext = ".mp4") =>
  `clips/${jobId}/${sceneId}-${recipe}${ext}`;
/** A clip that came in a project ZIP rather than from a render (lib/projects/import-project.ts). */
export const importedClipKey = (jobId: string, sceneId: string) => `clips/${jobId}/${sceneId}-imported.mp4`;
export const videoKey = (jobId: string) => `videos/${jobId}/final.mp4`;
export const posterKey = (jobId: string) => `videos/${jobId}/poster.jpg`;
/** Version 1 keeps the names videos had before versions existed; later ones are named for their number. */
export const versionVideoKey = (jobId: string, version: number) =>
  version === 1 ? videoKey(jobId) : `videos/${jobId}/final-v${version}.mp4`;
export const versionPosterKey = (jobId: string, version: number) =>
  version === 1 ? posterKey(jobId) : `videos/${jobId}/poster-v${version}.jpg`;
/** An export's file (served by its own route, never by /api/media). */
export const exportKey = (jobId: string, exportId: string, ext: string) => `exports/${jobId}/${exportId}.${ext}`;

const KEY_PATTERN = new RegExp(`^(videos|storyboards|clips)/(${ID_PATTERN_SOURCE})/([A-Za-z0-9_-]{1,80}\\.(?:jpg|mp4))$`);

/** Parses a key from a URL; null unless it has exactly the shape we generate. */
export function parseMediaKey(key: string): { jobId: string; key: string } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match || !match[2]) return null;
  return { jobId: match[2], key };
}

export const narrationKey = (jobId: string, sceneId: string, tag: string) => `audio/${jobId}/${sceneId}-${tag}.wav`;
/** A job's own copy of an upload it uses (music, a reference image), made before the job exists. */
export const attachmentKey = (ownerId: string, name: string) => `attachments/${ownerId}/${name}`;
export const uploadKey = (ownerId: string, assetId: string, ext: string) => `uploads/${ownerId}/${assetId}.${ext}`;
/** Where an upload is written while it arrives and is checked: one temp directory, emptied as each request ends. */
export const uploadTempKey = (name: string) => `uploads/tmp/${name}`;

const UPLOAD_KEY_PATTERN = new RegExp(`^uploads/(${ID_PATTERN_SOURCE})/(${ID_PATTERN_SOURCE})\\.(?:jpg|png|m4a)$`);

/** An upload's key from a URL: its owner's id, or null unless it has exactly the shape we generate. */
export function parseUploadKey(key: string): { ownerId: string; key: string } | null {
  const match = UPLOAD_KEY_PATTERN.exec(key);
  return match?.[1] ? { ownerId: match[1], key } : null;
}

export const mediaUrl = (key: string) => `/api/media/${key}`;
