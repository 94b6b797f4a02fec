import { AppError } from "@/lib/errors";
import { callerFromApiToken, callerFromSession, type Caller } from "@/lib/auth/callers";

export type { Caller };

export const signInFirst = () =>
  new AppError("unauthorized", "Sign in first, or send a personal API token as Authorization: Bearer <token>.");

/**
 * Who is asking: a personal API token (`Authorization: Bearer`) or a session cookie, and nothing else.
 * Every route, action, page and media request gets its caller here; every query filters by `userId`.
 * Without headers (a route, action or page), the request's own are read.
 */
export async function resolveCaller(requestHeaders?: Headers): Promise<Caller> {
  const headers = requestHeaders ?? (await (await import("next/headers")).headers());
  const authorization = headers.get("authorization");
  if (authorization) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const caller = token ? await callerFromApiToken(token) : null;
    if (!caller) throw new AppError("unauthorized", "That API token is not valid (revoked, mistyped, or its user is disabled).");
    return caller;
  }
  const caller = await callerFromSession(headers);
  if (!caller) throw signInFirst();
  return caller;
}

/** The caller, or null when nobody is signed in (a page redirects to sign-in instead of failing). */
export async function findCaller(requestHeaders?: Headers): Promise<Caller | null> {
  try {
    return await resolveCaller(requestHeaders);
  } catch (error) {
    if (error instanceof AppError && error.status === 401) return null;
    throw error;
  }
}
