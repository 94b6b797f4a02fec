import { getDb } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";
import { subtitles, type SubtitleFormat } from "@/lib/media/subtitles";

/** A finished job's captions as WebVTT or SRT, timed as in its video. */
export async function jobCaptions(clientId: string, jobId: string, format: SubtitleFormat): Promise<string> {
  const job = await getDb().job.findUnique({
    where: { id: jobId },
    select: {
      clientId: true,
      videoKey: true,
      scenes: { orderBy: { position: "asc" }, select: { caption: true, durationSec: true } },
    },
  });
  if (!job || job.clientId !== clientId) throw notFound();
  if (!job.videoKey) throw conflict("The captions are ready once the video is.");
  return subtitles(job.scenes, format);
}
