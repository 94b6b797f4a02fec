import { signOutEverywhere } from "@/lib/auth/accounts";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

const signOut = defineRoute({}, async ({ caller }) => {
  await signOutEverywhere(caller.clientId);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: signOut });
