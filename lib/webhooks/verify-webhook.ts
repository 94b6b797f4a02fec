import { createHmac, timingSafeEqual } from "node:crypto";

// Replicate signs webhooks the Standard Webhooks way: HMAC-SHA256 over "id.timestamp.body" with the
// base64 key after "whsec_". The client's validateWebhook checks no timestamp (a replay passes) and
// compares with ===; this one refuses stale or future timestamps and compares in constant time.
const TOLERANCE_SECONDS = 5 * 60;

export type WebhookCheck = { ok: true; id: string } | { ok: false; reason: string };

export function signWebhook(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
}

/** What can be refused from the headers alone, before the body is read: missing headers, a stale timestamp. */
export function checkWebhookHeaders(headers: Headers, nowMs = Date.now()): WebhookCheck {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  if (!id || !timestamp || !headers.get("webhook-signature")) {
    return { ok: false, reason: "The webhook is missing its webhook-id, webhook-timestamp or webhook-signature header." };
  }
  const sentAt = Number(timestamp);
  if (!Number.isInteger(sentAt) || Math.abs(nowMs / 1000 - sentAt) > TOLERANCE_SECONDS) {
    return { ok: false, reason: "The webhook's timestamp is too old or in the future." };
  }
  return { ok: true, id };
}

export function verifyWebhook(secret: string, headers: Headers, body: string, nowMs = Date.now()): WebhookCheck {
  const early = checkWebhookHeaders(headers, nowMs);
  if (!early.ok) return early;
  const timestamp = headers.get("webhook-timestamp") ?? "";
  const expected = Buffer.from(signWebhook(secret, early.id, timestamp, body));
  const matches = (headers.get("webhook-signature") ?? "")
    .split(" ")
    .map((entry) => entry.split(",")[1] ?? "")
    .some((candidate) => {
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  return matches ? early : { ok: false, reason: "The webhook's signature does not match." };
}
