import { randomBytes } from "node:crypto";
import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { admin } from "better-auth/plugins";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { PASSWORD_LIMITS } from "@/lib/vocabulary";
import { allowedHostNames } from "@/lib/env/allowed-hosts";
import { bumpAuthGeneration } from "./auth-generation";
import { authSecret } from "./auth-secret";

export const SESSION_COOKIE_PREFIX = "storyreel";
export const API_TOKEN_PREFIX = "sr_";
const DAY = 24 * 60 * 60;

function createAuth() {
  const env = getEnv();
  return betterAuth({
    appName: "Storyreel",
    database: prismaAdapter(getDb(), { provider: "sqlite" }),
    secret: authSecret(),
    // The address people use: PUBLIC_BASE_URL, else the request's own Host (the server allows only its allow-list).
    baseURL: env.PUBLIC_BASE_URL ?? {
      allowedHosts: allowedHostNames(env).flatMap((h) => [h, `${h}:*`]),
      // Calls from the shell (npm run token) have no request.
      fallback: "http://localhost",
    },
    // The request's own origin is trusted: the server has already refused any Host not on its allow-list.
    trustedOrigins: (request) => (request ? [new URL(request.url).origin] : []),
    telemetry: { enabled: false },
    // Into our log; what better-auth calls an error is a refused key or password (the caller's mistake): a warning.
    logger: {
      log: (level, message) => (level === "error" || level === "warn" ? log.warn : log.info)(`auth: ${message}`),
    },
    emailAndPassword: {
      enabled: true,
      // Accounts are made by our own routes (owner setup, invites, SIGNUP=open), which apply the signup policy.
      disableSignUp: true,
      minPasswordLength: PASSWORD_LIMITS.min,
      maxPasswordLength: PASSWORD_LIMITS.max,
      revokeSessionsOnPasswordReset: true,
    },
    session: { expiresIn: 30 * DAY, updateAge: DAY },
    // A session better-auth ends itself (sign-out, a password reset) must stop on every process, not only here.
    databaseHooks: { session: { delete: { after: () => bumpAuthGeneration() } } },
    // Sign-in attempts are limited by lib/auth/sign-in-limits.ts, shared across processes through the database.
    rateLimit: { enabled: false },
    advanced: {
      // Lowercase hex ids, the shape every id in a Storyreel URL has.
      database: { generateId: () => randomBytes(16).toString("hex") },
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: env.PUBLIC_BASE_URL?.startsWith("https:") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [
      admin({ defaultRole: "user", adminRoles: ["admin"] }),
      apiKey({
        defaultPrefix: API_TOKEN_PREFIX,
        enableMetadata: false,
        rateLimit: { enabled: false },
        // Tokens are sent as `Authorization: Bearer`; lib/http/caller.ts reads them.
        apiKeyHeaders: ["x-storyreel-api-token"],
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
let instance: Auth | undefined;

/** One better-auth instance per process, built on first use (after the environment is validated). */
export function getAuth(): Auth {
  instance ??= createAuth();
  return instance;
}
