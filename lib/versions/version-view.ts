import type { Db } from "@/lib/db/client";
import { mediaUrl } from "@/lib/storage/keys";
import { describeChanges } from "./version-changes";
import { asVersionStatus, parseSceneChanges, parseVersionScenes, type SceneChange, type VersionStatus } from "./version-scenes";

export interface VersionView {
  number: number;
  status: VersionStatus;
  current: boolean;
  basedOn: number | null;
  videoUrl: string | null;
  posterUrl: string | null;
  downloadUrl: string | null;
  durationSec: number | null;
  sceneCount: number;
  /** What its calls cost (redraws made while drafting it included). */
  costUsd: number;
  estimatedCostUsd: number;
  createdAt: string;
  completedAt: string | null;
  changedScenes: SceneChange[];
  musicChanged: boolean;
  /** "Scene 2: caption, motion · music" */
  summary: string;
}

/** A job's versions, newest first, each with its files, its own cost and what changed from the one it came from. */
export async function listVersions(db: Db, jobId: string, currentVersion: number | null): Promise<VersionView[]> {
  const [rows, costs] = await Promise.all([
    db.jobVersion.findMany({ where: { jobId }, orderBy: { number: "desc" } }),
    db.generation.groupBy({ by: ["versionNumber"], where: { jobId }, _sum: { costUsd: true } }),
  ]);
  const costOf = new Map(costs.map((c) => [c.versionNumber, c._sum.costUsd ?? 0]));
  const musicOf = new Map(rows.map((r) => [r.number, r.musicKey]));
  return rows.map((row) => {
    const changedScenes = parseSceneChanges(row.changes);
    const musicChanged = row.basedOn !== null && musicOf.has(row.basedOn) && musicOf.get(row.basedOn) !== row.musicKey;
    return {
      number: row.number,
      status: asVersionStatus(row.status),
      current: row.number === currentVersion,
      basedOn: row.basedOn,
      videoUrl: row.videoKey ? mediaUrl(row.videoKey) : null,
      posterUrl: row.posterKey ? mediaUrl(row.posterKey) : null,
      downloadUrl: row.videoKey ? `${mediaUrl(row.videoKey)}?download=1` : null,
      durationSec: row.durationSec,
      sceneCount: parseVersionScenes(row.scenes).length,
      costUsd: costOf.get(row.number) ?? 0,
      estimatedCostUsd: row.estimatedCostUsd,
      createdAt: row.createdAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      changedScenes,
      musicChanged,
      summary: row.basedOn === null ? "First cut" : describeChanges(changedScenes, musicChanged),
    };
  });
}
