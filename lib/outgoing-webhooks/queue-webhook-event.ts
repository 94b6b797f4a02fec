import type { Prisma } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { mediaUrl } from "@/lib/storage/keys";
import type { WebhookEvent } from "./webhook-events";

type Tx = Prisma.TransactionClient;

const absolute = (path: string | null) =>
  path && getEnv().PUBLIC_BASE_URL ? new URL(path, getEnv().PUBLIC_BASE_URL).href : path;

/**
 * Queues the event for each of the owner's endpoints that asked for it, in the caller's transaction: the event is
 * written exactly when the change it tells of is, so a crash loses neither and a rolled-back change sends nothing.
 */
export async function queueWebhookEvent(tx: Tx, ownerId: string, event: WebhookEvent, data: Record<string, unknown>) {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { ownerId }, select: { id: true, events: true } });
  const wanted = endpoints.filter((endpoint) => endpoint.events.split(",").includes(event));
  if (wanted.length === 0) return;
  const payload = JSON.stringify({ type: event, timestamp: new Date().toISOString(), data });
  await tx.webhookSend.createMany({ data: wanted.map((endpoint) => ({ endpointId: endpoint.id, event, payload })) });
}

/** What a video's events carry: enough to act on without a second call, and where to look for the rest. */
export async function queueJobEvent(tx: Tx, jobId: string, event: WebhookEvent): Promise<void> {
  const job = await tx.job.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      userId: true,
      status: true,
      error: true,
      prompt: true,
      videoKey: true,
      currentVersion: true,
      costUsd: true,
    },
  });
  if (!job) return;
  await queueWebhookEvent(tx, job.userId, event, {
    id: job.id,
    status: job.status,
    prompt: job.prompt,
    error: job.error,
    version: job.currentVersion,
    costUsd: job.costUsd,
    videoUrl: absolute(job.videoKey ? mediaUrl(job.videoKey) : null),
    url: absolute(`/api/jobs/${job.id}`),
    page: absolute(`/jobs/${job.id}`),
  });
}

/** A finished export: which video and version it is of, and where to download it (with the owner's token). */
export async function queueExportEvent(tx: Tx, exportId: string, label: string): Promise<void> {
  const row = await tx.export.findUnique({ where: { id: exportId } });
  if (!row) return;
  await queueWebhookEvent(tx, row.ownerId, "export.completed", {
    id: row.id,
    jobId: row.jobId,
    version: row.versionNumber,
    label,
    bytes: row.bytes,
    downloadUrl: absolute(`/api/jobs/${row.jobId}/exports/${row.id}/file`),
  });
}
