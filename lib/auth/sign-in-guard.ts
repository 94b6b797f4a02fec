import { setTimeout as sleep } from "node:timers/promises";
import { getAuth } from "./auth";
import { assertSignInAllowed, recordSignInFailure, recordSignInSuccess } from "./limits";

/**
 * better-auth's own endpoints (sign-in, sign-out, session), with sign-in attempts counted per account and per
 * address in the database: failures are slowed down, then the account or address is locked for a while (429).
 */
export async function handleAuthRequest(request: Request, address: string): Promise<Response> {
  const auth = getAuth();
  const isSignIn = request.method === "POST" && new URL(request.url).pathname.endsWith("/sign-in/email");
  if (!isSignIn) return auth.handler(request);
  const body = (await request
    .clone()
    .json()
    .catch(() => null)) as { email?: unknown } | null;
  const email = typeof body?.email === "string" ? body.email.trim().toLowerCase() : "";
  await assertSignInAllowed(email, address);
  const response = await auth.handler(request);
  if (response.status === 401) await sleep(await recordSignInFailure(email, address));
  else if (response.ok) await recordSignInSuccess(email);
  return response.ok ? withoutSessionToken(response) : response;
}

/** The session lives in an httpOnly cookie; its token has no business in a body that page scripts can read. */
async function withoutSessionToken(response: Response): Promise<Response> {
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (body) delete body.token;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: response.status, headers });
}
