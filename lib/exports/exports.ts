import { getDb } from "@/lib/db/client";
import type { Export } from "@/lib/db/generated/client";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { ServableFile } from "@/lib/http/file-response";
import { notifyWorkAvailable } from "@/lib/queue/work-signal";
import { openReadStream, removeKey, statKey } from "@/lib/storage/file-storage";
import { storedBytes } from "@/lib/uploads/storage-usage";
import { megabytes, uploadLimits } from "@/lib/uploads/upload-limits";
import { readFinishedVersion } from "@/lib/versions/version-scenes";
import { asAspectRatio } from "@/lib/vocabulary";
import { estimateExportBytes } from "./estimate-bytes";
import { normaliseExport, parseStoredSpec, specHash, type ExportRequest } from "./export-spec";
import {
  canonicalSpec,
  EXPORT_PRESET_IDS,
  exportLabel,
  FORMAT_FILES,
  outputFrame,
  presetSpec,
  type ExportSpec,
} from "./export-vocabulary";

export interface ExportView {
  id: string;
  version: number;
  label: string;
  spec: ExportSpec;
  status: "queued" | "running" | "completed" | "failed";
  progress: number;
  /** The file's size once it is made (null before). */
  bytes: number | null;
  error: string | null;
  createdAt: string;
  completedAt: string | null;
  downloadUrl: string | null;
}

const STATUSES = ["queued", "running", "completed", "failed"] as const;

export function toExportView(row: Export): ExportView {
  const spec = parseStoredSpec(row.spec);
  const status = STATUSES.find((s) => s === row.status) ?? "failed";
  return {
    id: row.id,
    version: row.versionNumber,
    label: exportLabel(spec),
    spec,
    status,
    progress: status === "completed" ? 1 : row.progress,
    bytes: status === "completed" ? row.bytes : null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    downloadUrl: status === "completed" ? `/api/jobs/${row.jobId}/exports/${row.id}/file` : null,
  };
}

async function ownJob(userId: string, jobId: string) {
  const job = await getDb().job.findUnique({ where: { id: jobId }, select: { userId: true } });
  if (!job || job.userId !== userId) throw notFound();
}

/** A completed version of the job, or the sentence that says why it cannot be exported. */
async function finishedVersion(jobId: string, number: number) {
  const db = getDb();
  const version = await readFinishedVersion(db, jobId, number);
  if (version) return version;
  const row = await db.jobVersion.findUnique({ where: { jobId_number: { jobId, number } }, select: { status: true } });
  if (!row) throw notFound(`Version ${number} of this video`);
  if (row.status === "rendering") throw conflict(`Version ${number} is still being made: export it once it is finished.`);
  throw conflict(
    `Version ${number} did not finish (it ${row.status === "canceled" ? "was canceled" : "failed"}), so there is nothing of it to export.`,
  );
}

function quotaRefusal(usedBytes: number, adding: number): AppError | null {
  const { quotaBytes } = uploadLimits();
  if (usedBytes <= quotaBytes) return null;
  const left = Math.max(0, quotaBytes - (usedBytes - adding));
  return new AppError(
    "payload_too_large",
    `This export needs about ${megabytes(adding)} and your uploads and exports have ${megabytes(left)} left of ${megabytes(quotaBytes)}: delete some exports or uploads first.`,
  );
}

/**
 * Queues an export of a finished version. The same export asked again is the first one (`created: false`), and a
 * failed one asked again is queued again. The row holds the export's expected size against the person's quota from
 * the transaction that writes it (written first, counted after, rolled back when over).
 */
export async function requestExport(
  userId: string,
  jobId: string,
  request: ExportRequest,
): Promise<{ export: ExportView; created: boolean }> {
  const db = getDb();
  await ownJob(userId, jobId);
  const version = await finishedVersion(jobId, request.version);
  const spec = normaliseExport(request, asAspectRatio(version.aspectRatio));
  const hash = specHash(spec);
  const key = { jobId, versionNumber: version.number, specHash: hash };
  const existing = await db.export.findUnique({ where: { jobId_versionNumber_specHash: key } });
  if (existing && existing.status !== "failed") return { export: toExportView(existing), created: false };
  const duration = version.scenes.reduce((sum, s) => sum + s.durationSec, 0);
  const bytes = estimateExportBytes(spec, duration, version.scenes.length);
  const fresh = { status: "queued", progress: 0, bytes, error: null, key: null, completedAt: null };
  try {
    const row = await db.$transaction(async (tx) => {
      const written = existing
        ? await tx.export.update({ where: { id: existing.id }, data: fresh })
        : await tx.export.create({ data: { ...key, ownerId: userId, spec: canonicalSpec(spec), ...fresh } });
      const refusal = quotaRefusal((await storedBytes(tx, userId)).bytes, bytes);
      if (refusal) throw refusal;
      return written;
    });
    notifyWorkAvailable();
    return { export: toExportView(row), created: true };
  } catch (error) {
    // The same export asked twice at once: the other request queued it.
    if ((error as { code?: string }).code === "P2002") {
      const twin = await db.export.findUnique({ where: { jobId_versionNumber_specHash: key } });
      if (twin) return { export: toExportView(twin), created: false };
    }
    throw error;
  }
}

export async function listExports(userId: string, jobId: string): Promise<ExportView[]> {
  await ownJob(userId, jobId);
  const rows = await getDb().export.findMany({ where: { jobId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toExportView);
}

async function ownExport(userId: string, jobId: string, exportId: string): Promise<Export> {
  await ownJob(userId, jobId);
  const row = await getDb().export.findFirst({ where: { id: exportId, jobId } });
  if (!row) throw notFound("That export");
  return row;
}

export async function getExport(userId: string, jobId: string, exportId: string): Promise<ExportView> {
  return toExportView(await ownExport(userId, jobId, exportId));
}

/** Removes the export's file and row; one still being made is stopped by its runner, which sees its lease gone. */
export async function deleteExport(userId: string, jobId: string, exportId: string): Promise<void> {
  const row = await ownExport(userId, jobId, exportId);
  await getDb().export.deleteMany({ where: { id: row.id } });
  if (row.key) await removeKey(row.key);
}

/** "storyreel-<job>-v1-tiktok-1080x1920.mp4": what the download is saved as. */
function downloadName(row: Export, spec: ExportSpec): string {
  const preset = EXPORT_PRESET_IDS.find((id) => canonicalSpec(presetSpec(id)) === canonicalSpec(spec));
  const frame = outputFrame(spec);
  const parts = [`storyreel-${row.jobId}`, `v${row.versionNumber}`];
  if (preset) parts.push(preset);
  else if ("fit" in spec && spec.fit === "blur") parts.push("blur");
  if (frame) parts.push(`${frame.width}x${frame.height}`);
  if (spec.format === "gif" || spec.format === "webp") parts.push("preview");
  return `${parts.join("-")}.${FORMAT_FILES[spec.format].ext}`;
}

/** A finished export's file, for the download route. */
export async function findExportFile(userId: string, jobId: string, exportId: string): Promise<ServableFile> {
  const row = await ownExport(userId, jobId, exportId);
  if (row.status !== "completed" || !row.key) throw conflict("This export is not finished yet: download it once it is.");
  const stat = await statKey(row.key);
  if (!stat) throw notFound("That export's file");
  const spec = parseStoredSpec(row.spec);
  const key = row.key;
  return {
    ...stat,
    contentType: FORMAT_FILES[spec.format].contentType,
    downloadName: downloadName(row, spec),
    open: (range) => openReadStream(key, range),
  };
}
