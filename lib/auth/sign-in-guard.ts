import { setTimeout as sleep } from "node:timers/promises";
import { JSON_BODY_MAX_BYTES, readBodyText } from "@/lib/http/read-json-body";
import { getAuth } from "./auth";
import { assertSignInAllowed, recordSignInFailure, recordSignInSuccess } from "./limits";

/**
 * better-auth's own endpoints (sign-in, sign-out, session), with sign-in attempts counted per account and per
 * address in the database: failures are slowed down, then the account or address is locked for a while (429).
 */
export async function handleAuthRequest(incoming: Request, address: string): Promise<Response> {
  const auth = getAuth();
  const request = await withBoundedBody(incoming);
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

/**
 * better-auth reads a body whole, with no limit of its own: it gets a copy read here within the JSON routes'
 * limit (413 past it), and a body cut off on the way is a 400 here rather than an error logged inside it.
 */
async function withBoundedBody(request: Request): Promise<Request> {
  if (request.method === "GET" || request.method === "HEAD" || !request.body) return request;
  const text = await readBodyText(request, JSON_BODY_MAX_BYTES);
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(Buffer.byteLength(text)));
  return new Request(request.url, { method: request.method, headers, body: text, signal: request.signal });
}

/** The session lives in an httpOnly cookie; its token has no business in a body that page scripts can read. */
async function withoutSessionToken(response: Response): Promise<Response> {
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (body) delete body.token;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: response.status, headers });
}
