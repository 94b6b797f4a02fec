import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { describeZodError } from "@/lib/http/route-handler";
import { readOptionalJsonBody } from "@/lib/http/read-json-body";
import { invalidInput } from "@/lib/errors";
import { PASSWORD_LIMITS } from "@/lib/vocabulary";
import { getAuth } from "./auth";
import { assertAuthEndpointAllowed, assertCallbackUrlLocal, SIGN_IN_PATH } from "./auth-endpoints";
import { failureDelayMs, giveBackSignInAttempt, settleSignInSuccess, takeSignInAttempt } from "./sign-in-limits";

// Checked before a try is counted, so a malformed request writes no counter row (a long "email" made one each).
const signInBodySchema = z.looseObject({
  email: z
    .string({ error: "Give an email address." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "That is not an email address." }).max(254, "That email address is too long.")),
  password: z.string({ error: "Give a password." }).min(1, "Give a password.").max(PASSWORD_LIMITS.max),
});

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
  // better-auth also parses forms: it is handed exactly the JSON object checked and counted here, never the
  // original body, which another parser could read as a different account.
  const body = await readOptionalJsonBody(request);
  assertCallbackUrlLocal(body);
  if (pathname !== SIGN_IN_PATH) return auth.handler(asJsonRequest(request, body));

  const parsed = signInBodySchema.safeParse(body);
  if (!parsed.success) throw invalidInput(describeZodError(parsed.error));
  const { email } = parsed.data;
  const attempt = await takeSignInAttempt(email, address);
  // A disabled account is refused by better-auth only after its password matched, which would tell a guesser the
  // password was right: it gets a password that cannot match instead, so both answers are the same 401.
  const disabled = await isDisabled(email);
  const asked = disabled ? { ...parsed.data, password: randomBytes(24).toString("base64url") } : parsed.data;
  const response = await auth.handler(asJsonRequest(request, asked)).catch(async (error: unknown) => {
    await giveBackSignInAttempt(attempt);
    throw error;
  });
  if (response.status === 401) await sleep(failureDelayMs(attempt));
  else if (response.ok) await settleSignInSuccess(attempt);
  else await giveBackSignInAttempt(attempt);
  return response.ok ? withoutSessionToken(response) : response;
}

function asJsonRequest(request: Request, body: Record<string, unknown>): Request {
  const headers = new Headers(request.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Request(request.url, { method: "POST", headers, body: JSON.stringify(body) });
}

const isDisabled = async (email: string) =>
  (await getDb().user.findUnique({ where: { email }, select: { banned: true } }))?.banned === true;

/** The session lives in an httpOnly cookie; its token has no business in a body that page scripts can read. */
async function withoutSessionToken(response: Response): Promise<Response> {
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (body) delete body.token;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: response.status, headers });
}
