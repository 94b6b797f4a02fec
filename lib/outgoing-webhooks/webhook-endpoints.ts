import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { WebhookEndpoint } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { conflict, notFound } from "@/lib/errors";
import { assertPublicReceiver } from "./receiver-address";
import type { CreateWebhookInput, WebhookEvent } from "./webhook-events";

const MAX_ENDPOINTS_PER_PERSON = 10;

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
  lastAttemptAt: string | null;
  /** The last attempt's HTTP status, or null when it got no answer. */
  lastStatus: number | null;
  lastError: string | null;
}

export const eventsOf = (endpoint: Pick<WebhookEndpoint, "events">) => endpoint.events.split(",") as WebhookEvent[];

const toView = (endpoint: WebhookEndpoint): WebhookEndpointView => ({
  id: endpoint.id,
  url: endpoint.url,
  events: eventsOf(endpoint),
  createdAt: endpoint.createdAt.toISOString(),
  lastAttemptAt: endpoint.lastAttemptAt?.toISOString() ?? null,
  lastStatus: endpoint.lastStatus,
  lastError: endpoint.lastError,
});

/** A new endpoint and its signing secret, which is shown this once. */
export async function createWebhookEndpoint(
  ownerId: string,
  input: CreateWebhookInput,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  await assertPublicReceiver(new URL(input.url), getEnv().WEBHOOKS_ALLOW_PRIVATE);
  const db = getDb();
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  const endpoint = await db.$transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count({ where: { ownerId } })) >= MAX_ENDPOINTS_PER_PERSON) {
      throw conflict(`You have ${MAX_ENDPOINTS_PER_PERSON} webhooks, the most there may be: delete one first.`);
    }
    return tx.webhookEndpoint.create({ data: { ownerId, url: input.url, events: input.events.join(","), secret } });
  });
  return { endpoint: toView(endpoint), secret };
}

export async function listWebhookEndpoints(ownerId: string): Promise<WebhookEndpointView[]> {
  const rows = await getDb().webhookEndpoint.findMany({ where: { ownerId }, orderBy: { createdAt: "desc" } });
  return rows.map(toView);
}

export async function deleteWebhookEndpoint(ownerId: string, id: string): Promise<void> {
  const { count } = await getDb().webhookEndpoint.deleteMany({ where: { id, ownerId } });
  if (count === 0) throw notFound("That webhook");
}
