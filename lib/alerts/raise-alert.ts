import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { webhookPayload } from "./webhook-payload";

export type AlertKind = "soft_cap" | "over_estimate" | "cap_refusal";

export interface NewAlert {
  /** Raised once per key: a second raise with the same key does nothing. */
  key: string;
  kind: AlertKind;
  message: string;
  jobId?: string;
  userId?: string;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

async function postToWebhook(url: string, message: string): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(webhookPayload(message)),
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    redirect: "error",
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
}

async function deliver(id: string, url: string, message: string): Promise<void> {
  try {
    await postToWebhook(url, message);
    await getDb().alert.update({ where: { id }, data: { deliveredAt: new Date(), deliveryError: null } });
  } catch (error) {
    log.warn("alert webhook failed", { alertId: id, error });
    await getDb()
      .alert.update({ where: { id }, data: { deliveryError: String((error as Error).message ?? error).slice(0, 500) } })
      .catch(() => undefined);
  }
}

/**
 * Records the alert for admins, logs it and posts it to ALERT_WEBHOOK_URL, once per key. Returns whether it was
 * new. The post is not awaited: a slow chat service must not hold up a request or a job.
 */
export async function raiseAlert(alert: NewAlert): Promise<boolean> {
  const created = await getDb()
    .alert.create({ data: alert, select: { id: true } })
    .catch((error: { code?: string }) => (error.code === "P2002" ? null : Promise.reject(error)));
  if (!created) return false;
  log.warn("budget alert", { kind: alert.kind, jobId: alert.jobId, userId: alert.userId, alert: alert.message });
  const url = getEnv().ALERT_WEBHOOK_URL;
  if (url) void deliver(created.id, url, alert.message);
  return true;
}

/** The newest alerts, for admins. */
export function recentAlerts(limit = 20) {
  return getDb().alert.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
