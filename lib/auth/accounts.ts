import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { cancelUnfinishedJobsOf } from "@/lib/jobs/review-actions";
import { AppError, conflict, invalidInput, notFound } from "@/lib/errors";
import { revokeAllApiTokens } from "./api-tokens";
import { getAuth } from "./auth";
import { bumpAuthGeneration } from "./auth-generation";
import type { NewAccount } from "./schemas";
import { isUnclaimedEmail, UNCLAIMED_EMAIL_REFUSAL } from "./unclaimed-users";

export type Role = "admin" | "user";

/**
 * A user who signs in with email and password, made through better-auth's own adapter and password hasher
 * (scrypt), so the library's sign-in reads exactly what was written here.
 */
export async function createAccount(account: NewAccount, role: Role): Promise<{ id: string; email: string }> {
  // Every door in (setup, invites, signup, the shell) parses with emailSchema; this holds for any other caller.
  if (isUnclaimedEmail(account.email)) throw invalidInput(UNCLAIMED_EMAIL_REFUSAL);
  const ctx = await getAuth().$context;
  if (await ctx.internalAdapter.findUserByEmail(account.email)) throw conflict("An account with that email address exists.");
  const hash = await ctx.password.hash(account.password);
  const user = await ctx.internalAdapter.createUser(
    { email: account.email, name: account.name, role, emailVerified: false },
    { method: "admin" },
  );
  try {
    await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  } catch (error) {
    await getDb().user.delete({ where: { id: user.id } });
    throw error;
  }
  return { id: user.id, email: user.email };
}

/**
 * A new password, every session of that user signed out and every API token of theirs revoked: a password is
 * reset (by an admin or from the shell) because the account may have been taken over, and a token made by
 * whoever took it would outlive the new password.
 */
export async function setPassword(email: string, password: string): Promise<void> {
  const ctx = await getAuth().$context;
  const found = await ctx.internalAdapter.findUserByEmail(email, { includeAccounts: true });
  if (!found) throw notFound("An account with that email address");
  const hash = await ctx.password.hash(password);
  if (found.accounts.some((a) => a.providerId === "credential")) await ctx.internalAdapter.updatePassword(found.user.id, hash);
  else
    await ctx.internalAdapter.linkAccount({
      userId: found.user.id,
      providerId: "credential",
      accountId: found.user.id,
      password: hash,
    });
  await ctx.internalAdapter.deleteUserSessions(found.user.id);
  await revokeAllApiTokens(found.user.id);
  await bumpAuthGeneration();
}

/**
 * Disabled users cannot sign in, their sessions end, and their tokens stop working; their finished videos stay.
 * Whatever of theirs is still in progress is canceled (after the ban, so they cannot start more meanwhile): nobody
 * is left to approve, watch or pay attention to it, and it would go on spending.
 */
export async function setDisabled(userId: string, disabled: boolean): Promise<{ canceledJobs: number }> {
  const db = getDb();
  const updated = await db.user.updateMany({ where: { id: userId }, data: { banned: disabled } });
  if (updated.count === 0) throw notFound("That user");
  if (!disabled) return { canceledJobs: 0 };
  await db.session.deleteMany({ where: { userId } });
  await bumpAuthGeneration();
  return { canceledJobs: await cancelUnfinishedJobsOf(userId) };
}

/** Signs a person out everywhere: every session of theirs ends, and with `revokeTokens` every API token too. */
export async function signOutEverywhere(userId: string, options: { revokeTokens?: boolean } = {}): Promise<void> {
  await getDb().session.deleteMany({ where: { userId } });
  if (options.revokeTokens) await revokeAllApiTokens(userId);
  await bumpAuthGeneration();
}

/** Anyone may make an account when SIGNUP=open; otherwise this door is shut with a sentence that says which is. */
export async function openSignUp(account: NewAccount): Promise<{ id: string; email: string }> {
  const mode = getEnv().SIGNUP;
  if (mode !== "open") {
    throw new AppError(
      "forbidden",
      mode === "invite"
        ? "Accounts here are by invitation: ask the studio's admin for an invite link."
        : "This studio is not taking new accounts.",
    );
  }
  return createAccount(account, "user");
}

/** A new random password for a user (for the admin to pass on), every session and token of theirs ended. */
export async function resetPasswordOf(userId: string): Promise<{ email: string; password: string }> {
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("That user");
  const password = randomBytes(12).toString("base64url");
  await setPassword(user.email, password);
  return { email: user.email, password };
}
