import { getDb } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";
import { subtitles, type SubtitleFormat } from "@/lib/media/subtitles";
import { readFinishedVersion } from "@/lib/versions/version-scenes";

/** A finished job's captions as WebVTT or SRT, timed as in its video. */
export async function jobCaptions(userId: string, jobId: string, format: SubtitleFormat): Promise<string> {
  const job = await getDb().job.findUnique({
    where: { id: jobId },
    select: {
      userId: true,
      videoKey: true,
      currentVersion: true,
    },
  });
  if (!job || job.userId !== userId) throw notFound();
  const version = job.currentVersion === null ? null : await readFinishedVersion(getDb(), jobId, job.currentVersion);
  if (!job.videoKey || !version) throw conflict("The captions are ready once the video is.");
  // The video that plays, not the draft being edited.
  return subtitles(version.scenes, format);
}
