import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError, invalidInput, notFound } from "@/lib/errors";
import { notifyPredictionUpdated } from "@/lib/providers/replicate/prediction-events";
import { verifyWebhook } from "./verify-webhook";

/** Verifies, dedupes (by webhook-id) and acts on a Replicate webhook: the prediction's poller wakes now. */
export async function handleReplicateWebhook(headers: Headers, body: string): Promise<{ duplicate: boolean }> {
  const secret = getEnv().REPLICATE_WEBHOOK_SECRET;
  if (!secret) throw notFound("A webhook endpoint");
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
