import { revokeInvite } from "@/lib/auth/invites";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

const revoke = defineRoute({ admin: true, ids: { id: "That invite" } }, async ({ ids }) => {
  await revokeInvite(ids.id);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ DELETE: revoke });
