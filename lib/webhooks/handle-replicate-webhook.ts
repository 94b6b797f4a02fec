import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError, invalidInput, notFound } from "@/lib/errors";
import { MAX_BODY_BYTES } from "@/lib/http/request-guard";
import { notifyPredictionUpdated } from "@/lib/backends/replicate/prediction-events";
import { checkWebhookHeaders, verifyWebhook } from "./verify-webhook";

/** A prediction as Replicate posts it, logs included: the server's body cap, far more than any real one. */
export const WEBHOOK_MAX_BYTES = MAX_BODY_BYTES;

/**
 * Verifies, dedupes (by webhook-id) and acts on a Replicate webhook: the prediction's poller wakes now.
 * Nothing is read from the body until the endpoint is known to be on and the headers could be genuine.
 */
export async function handleReplicateWebhook(
  headers: Headers,
  readBody: (maxBytes: number) => Promise<string>,
): Promise<{ duplicate: boolean }> {
  const secret = getEnv().REPLICATE_WEBHOOK_SECRET;
  if (!secret) throw notFound("A webhook endpoint");
  const early = checkWebhookHeaders(headers);
  if (!early.ok) throw new AppError("unauthorized", early.reason);
  const body = await readBody(WEBHOOK_MAX_BYTES);
  const check = verifyWebhook(secret, headers, body);
  if (!check.ok) throw new AppError("unauthorized", check.reason);
  let prediction: { id?: unknown };
  try {
    prediction = JSON.parse(body) as { id?: unknown };
  } catch {
    throw invalidInput("The webhook body is not JSON.");
  }
  if (typeof prediction?.id !== "string") throw invalidInput("The webhook body has no prediction id.");
  const first = await getDb()
    .webhookDelivery.create({ data: { id: check.id } })
    .then(() => true)
    .catch((error: { code?: string }) => (error.code === "P2002" ? false : Promise.reject(error)));
  if (first) notifyPredictionUpdated(prediction.id);
  return { duplicate: !first };
}
