import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { newOwnerId } from "@/lib/util/process-identity";
import { postWebhook } from "./post-webhook";

export interface WebhookSenderOptions {
  db: Db;
  pollMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
  allowPrivate: boolean;
  /** Deliveries in flight at once, across endpoints. */
  concurrency?: number;
}

/** The wait before attempt `attempt + 1`: the base, doubled after each failure, capped at six hours. */
export const retryDelayMs = (baseMs: number, attempt: number) => Math.min(baseMs * 2 ** (attempt - 1), 6 * 3600_000);

/**
 * Sends queued webhook events (found by polling the table, so any process that runs jobs sends what any other queued), each claimed with a lease so two processes never send the same attempt, retried with
 * backoff until a 2xx or the last attempt; each attempt is recorded on the delivery and its endpoint.
 */
export class WebhookSender {
  readonly owner = newOwnerId();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private ticking = false;

  constructor(private readonly options: WebhookSenderOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.options.pollMs);
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  async tick(): Promise<void> {
    if (this.stopped || this.ticking) return;
    this.ticking = true;
    try {
      const free = (this.options.concurrency ?? 4) - this.inFlight.size;
      if (free <= 0) return;
      const { db } = this.options;
      const now = new Date();
      const due = await db.webhookSend.findMany({
        where: {
          status: "pending",
          nextAttemptAt: { lte: now },
          OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
        },
        orderBy: { nextAttemptAt: "asc" },
        take: free,
        select: { id: true, leaseExpiresAt: true },
      });
      for (const candidate of due) {
        const leaseExpiresAt = new Date(Date.now() + this.options.timeoutMs + 30_000);
        const claimed = await db.webhookSend.updateMany({
          where: { id: candidate.id, status: "pending", leaseExpiresAt: candidate.leaseExpiresAt },
          data: { leaseOwner: this.owner, leaseExpiresAt },
        });
        if (claimed.count === 0) continue;
        const sending = this.send(candidate.id).catch((error) => log.error("webhook delivery failed to run", { error }));
        this.inFlight.add(sending);
        void sending.finally(() => this.inFlight.delete(sending));
      }
    } catch (error) {
      log.error("webhook sender tick failed", { error });
    } finally {
      this.ticking = false;
    }
  }

  private async send(id: string): Promise<void> {
    const { db, maxAttempts, retryBaseMs } = this.options;
    const delivery = await db.webhookSend.findUnique({ where: { id }, include: { endpoint: true } });
    if (!delivery) return;
    const outcome = await postWebhook({
      url: delivery.endpoint.url,
      secret: delivery.endpoint.secret,
      id: `msg_${delivery.id}`,
      body: delivery.payload,
      timeoutMs: this.options.timeoutMs,
      allowPrivate: this.options.allowPrivate,
    });
    const attempts = delivery.attempts + 1;
    const now = new Date();
    const lastError = outcome.ok ? null : outcome.error.slice(0, 300);
    const status = outcome.ok ? "delivered" : attempts >= maxAttempts ? "failed" : "pending";
    await db.$transaction([
      db.webhookSend.updateMany({
        where: { id, leaseOwner: this.owner },
        data: {
          status,
          attempts,
          lastStatus: outcome.status,
          lastError,
          deliveredAt: outcome.ok ? now : null,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(retryBaseMs, attempts)),
          leaseOwner: null,
          leaseExpiresAt: null,
        },
      }),
      db.webhookEndpoint.updateMany({
        where: { id: delivery.endpointId },
        data: { lastAttemptAt: now, lastStatus: outcome.status, lastError },
      }),
    ]);
    const fields = { deliveryId: id, event: delivery.event, attempts, status: outcome.status };
    if (outcome.ok) log.info("webhook delivered", fields);
    else log.warn(status === "failed" ? "webhook gave up" : "webhook will be retried", { ...fields, error: lastError });
  }
}
