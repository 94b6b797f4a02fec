import { localPath } from "@/lib/http/local-path";
import { AppError, invalidInput } from "@/lib/errors";

/**
 * The better-auth endpoints the studio itself calls over HTTP (the sign-in form, the sign-out button, the
 * session). Everything else the library mounts (update-user, api-key/create, admin/set-role, sign-up…) skips
 * our own rules (names, the signup policy, "not your own account") and answers 404: our routes do those jobs.
 */
const ALLOWED = new Set(["POST /api/auth/sign-in/email", "POST /api/auth/sign-out", "GET /api/auth/get-session"]);

export const SIGN_IN_PATH = "/api/auth/sign-in/email";

/** Refuses (404) any better-auth endpoint the studio does not use; the path must match exactly. */
export function assertAuthEndpointAllowed(method: string, pathname: string): void {
  const asked = `${method === "HEAD" ? "GET" : method} ${pathname}`;
  if (!ALLOWED.has(asked)) throw new AppError("not_found", "There is nothing at this address.");
}

/** better-auth sends a person on to a body's `callbackURL` (a Location header): only to a path on this site. */
export function assertCallbackUrlLocal(body: unknown): void {
  if (typeof body !== "object" || body === null || !("callbackURL" in body)) return;
  if (localPath(body.callbackURL) === null) throw invalidInput("callbackURL must be a path on this site, such as /jobs.");
}
