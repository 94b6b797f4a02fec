import { signOutEverywhere } from "@/lib/auth/accounts";
import { signOutEverywhereSchema } from "@/lib/auth/schemas";
import { defineRoute } from "@/lib/http/define-route";
import { readOptionalJsonBody } from "@/lib/http/read-json-body";
import { routeMethods } from "@/lib/http/route-methods";

// The body is optional (a bare POST signs out only): scripts written before `revokeTokens` keep working.
const signOut = defineRoute({}, async ({ request, caller }) => {
  const options = signOutEverywhereSchema.parse(await readOptionalJsonBody(request));
  await signOutEverywhere(caller.userId, options);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: signOut });
