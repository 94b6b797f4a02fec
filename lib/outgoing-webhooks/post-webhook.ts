import http from "node:http";
import https from "node:https";
import { signWebhook } from "@/lib/webhooks/verify-webhook";
import { guardedLookup } from "./receiver-address";

export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One signed POST the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature "v1,<base64 HMAC>").
 * Only a 2xx counts; a redirect is not followed (it could point anywhere), and the connection goes only to the
 * addresses the guarded lookup allows.
 */
export function postWebhook(input: {
  url: string;
  secret: string;
  id: string;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  nowMs?: number;
}): Promise<PostOutcome> {
  const url = new URL(input.url);
  const timestamp = String(Math.floor((input.nowMs ?? Date.now()) / 1000));
  const signature = `v1,${signWebhook(input.secret, input.id, timestamp, input.body)}`;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(url, {
      method: "POST",
      lookup: guardedLookup(input.allowPrivate),
      timeout: input.timeoutMs,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(input.body),
        "user-agent": "Storyreel-Webhooks/1",
        "webhook-id": input.id,
        "webhook-timestamp": timestamp,
        "webhook-signature": signature,
      },
    });
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${input.timeoutMs} ms`)), input.timeoutMs);
    request.on("timeout", () => request.destroy(new Error(`no answer within ${input.timeoutMs} ms`)));
    request.on("error", (error) => {
      clearTimeout(deadline);
      resolve({ ok: false, status: null, error: error.message });
    });
    request.on("response", (response) => {
      let read = 0;
      response.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) response.destroy();
      });
      const status = response.statusCode ?? 0;
      const done = () => {
        clearTimeout(deadline);
        resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `answered ${status}` });
      };
      response.on("end", done);
      response.on("close", done);
    });
    request.end(input.body);
  });
}
