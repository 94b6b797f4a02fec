import { ID_PATTERN_SOURCE } from "@/lib/vocabulary";

// Storage keys are generated here from ids we created, never from user input.

export const stillKey = (jobId: string, sceneId: string, revision: number) => `storyboards/${jobId}/${sceneId}-r${revision}.jpg`;
export const clipKey = (jobId: string, sceneId: string, revision: number) => `clips/${jobId}/${sceneId}-r${revision}.mp4`;
export const videoKey = (jobId: string) => `videos/${jobId}/final.mp4`;
export const posterKey = (jobId: string) => `videos/${jobId}/poster.jpg`;

const KEY_PATTERN = new RegExp(`^(videos|storyboards|clips)/(${ID_PATTERN_SOURCE})/([A-Za-z0-9_-]{1,80}\\.(?:jpg|mp4))$`);

/** Parses a key from a URL; null unless it has exactly the shape we generate. */
export function parseMediaKey(key: string): { jobId: string; key: string } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match || !match[2]) return null;
  return { jobId: match[2], key };
}

export const mediaUrl = (key: string) => `/api/media/${key}`;
