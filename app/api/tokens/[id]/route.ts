import { revokeApiToken } from "@/lib/auth/api-tokens";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

const revoke = defineRoute({ ids: { id: "That token" } }, async ({ caller, ids }) => {
  await revokeApiToken(caller.userId, ids.id);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ DELETE: revoke });
