import { setTimeout as sleep } from "node:timers/promises";
import { getAuth } from "./auth";
import { assertAuthEndpointAllowed, assertCallbackUrlLocal, SIGN_IN_PATH } from "./auth-endpoints";
import { failureDelayMs, giveBackSignInAttempt, settleSignInSuccess, takeSignInAttempt } from "./sign-in-limits";

/**
 * better-auth's own endpoints that the studio uses (sign-in, sign-out, session), with every sign-in try taken
 * from the account's and the address's allowance before the password is checked: failures are slowed down,
 * then the account or address is locked for a while (429).
 */
export async function handleAuthRequest(request: Request, address: string): Promise<Response> {
  const auth = getAuth();
  const { pathname } = new URL(request.url);
  assertAuthEndpointAllowed(request.method, pathname);
  if (request.method !== "POST") return auth.handler(request);
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => null);
  assertCallbackUrlLocal(body);
  if (pathname !== SIGN_IN_PATH) return auth.handler(request);

  const given = typeof body === "object" && body !== null && "email" in body ? body.email : undefined;
  const email = typeof given === "string" ? given.trim().toLowerCase() : "";
  const attempt = await takeSignInAttempt(email, address);
  const response = await auth.handler(request).catch(async (error: unknown) => {
    await giveBackSignInAttempt(attempt);
    throw error;
  });
  if (response.status === 401) await sleep(failureDelayMs(attempt));
  else if (response.ok) await settleSignInSuccess(attempt);
  else await giveBackSignInAttempt(attempt);
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
