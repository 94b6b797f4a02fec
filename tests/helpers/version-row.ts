import path from "node:path";
import Database from "better-sqlite3";

/**
 * The version the job's stitch made. Until the versions engine writes it when a video is stitched, it is written
 * here as the versions migration writes v1 for older videos; once it does, this finds the row and writes nothing.
 */
export function ensureVersionOne(dataDir: string, id: string): void {
  const db = new Database(path.join(dataDir, "storyreel.db"));
  try {
    if (db.prepare(`SELECT 1 FROM "JobVersion" WHERE "jobId" = ? AND "number" = 1`).get(id)) return;
    db.prepare(
      `INSERT INTO "JobVersion" ("id", "jobId", "number", "status", "scenes", "musicKey", "videoKey", "posterKey", "durationSec")
       SELECT 'v1test' || lower(hex(randomblob(8))), j."id", 1, 'completed',
         (SELECT json_group_array(json_object('sceneId', s."id", 'position', s."position", 'caption', s."caption",
            'imagePrompt', s."imagePrompt", 'motion', s."motion", 'durationSec', s."durationSec", 'stillKey', s."stillKey",
            'clipKey', s."clipKey", 'narrationKey', s."narrationKey", 'narrationSec', s."narrationSec", 'narrate', json('true')))
          FROM (SELECT * FROM "Scene" WHERE "jobId" = j."id" ORDER BY "position") AS s),
         j."musicKey", j."videoKey", j."posterKey", j."durationSec"
       FROM "Job" AS j WHERE j."id" = ?`,
    ).run(id);
  } finally {
    db.close();
  }
}
