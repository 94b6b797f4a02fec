import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/outgoing-webhooks/webhook-endpoints";
import { createWebhookSchema } from "@/lib/outgoing-webhooks/webhook-events";

export const dynamic = "force-dynamic";

// Outgoing webhooks: the signing secret is in the 201 answer only. (/api/webhooks/replicate is Replicate's, incoming.)
const create = defineRoute({ body: createWebhookSchema }, async ({ caller, body }) =>
  NextResponse.json(await createWebhookEndpoint(caller.userId, body), { status: 201, headers: { "Cache-Control": "no-store" } }),
);

const list = defineRoute({}, async ({ caller }) =>
  NextResponse.json({ webhooks: await listWebhookEndpoints(caller.userId) }, { headers: { "Cache-Control": "no-store" } }),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: list, POST: create });
