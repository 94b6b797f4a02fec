import { handleAuthRequest } from "@/lib/auth/sign-in-guard";
import { addressOf } from "@/lib/http/client-address";
import { withErrors } from "@/lib/http/route-handler";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// Sign-in, sign-out and the session, answered by better-auth.
const auth = withErrors((request: Request) => handleAuthRequest(request, addressOf(request.headers)));

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: auth, POST: auth });
