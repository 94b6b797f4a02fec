import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { deleteWebhookEndpoint } from "@/lib/outgoing-webhooks/webhook-endpoints";

const remove = defineRoute({ ids: { id: "That webhook" } }, async ({ caller, ids }) => {
  await deleteWebhookEndpoint(caller.userId, ids.id);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ DELETE: remove });
