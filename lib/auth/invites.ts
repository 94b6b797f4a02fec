import { createHash, randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { INVITE_DAYS } from "@/lib/vocabulary";
import { AppError, conflict, notFound } from "@/lib/errors";
import { mailConfigured, sendMail } from "@/lib/mail/send-mail";
import { createAccount } from "./accounts";
import type { NewAccount } from "./schemas";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A one-time link for one new account; only its hash is stored. */
export async function createInvite(adminId: string): Promise<{ id: string; token: string; expiresAt: string }> {
  if (getEnv().SIGNUP === "closed") {
    throw new AppError("forbidden", "This studio takes no new accounts (SIGNUP=closed): make them with npm run user -- create.");
  }
  const token = randomBytes(24).toString("base64url");
  const invite = await getDb().invite.create({
    data: { tokenHash: hashToken(token), createdById: adminId, expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000) },
  });
  return { id: invite.id, token, expiresAt: invite.expiresAt.toISOString() };
}

export async function listInvites() {
  const rows = await getDb().invite.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
  return rows.map((i) => ({
    id: i.id,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    usedAt: i.usedAt?.toISOString() ?? null,
    usedByEmail: i.usedByEmail,
  }));
}

/**
 * The invite is spent in the same statement that checks it (unused and unexpired), so two people with one
 * link cannot both get an account; if the account cannot be made, the link works again.
 */
export async function acceptInvite(token: string, account: NewAccount): Promise<{ id: string; email: string }> {
  if (getEnv().SIGNUP === "closed") throw new AppError("forbidden", "This studio is not taking new accounts.");
  const db = getDb();
  const tokenHash = hashToken(token);
  const spent = await db.invite.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date(), usedByEmail: account.email },
  });
  if (spent.count === 0) {
    throw new AppError("not_found", "This invite link is not valid: it was used already, has expired, or was mistyped.");
  }
  const invite = await db.invite.findUniqueOrThrow({ where: { tokenHash } });
  try {
    return await createAccount(account, invite.role === "admin" ? "admin" : "user");
  } catch (error) {
    await db.invite.update({ where: { tokenHash }, data: { usedAt: null, usedByEmail: null } });
    throw error;
  }
}

export async function inviteIsUsable(token: string): Promise<boolean> {
  const invite = await getDb().invite.findUnique({ where: { tokenHash: hashToken(token) } });
  return Boolean(invite && !invite.usedAt && invite.expiresAt > new Date());
}

export async function revokeInvite(id: string): Promise<void> {
  const deleted = await getDb().invite.deleteMany({ where: { id, usedAt: null } });
  if (deleted.count === 0) throw notFound("That invite");
}

/**
 * An invite link at `origin`, mailed to `email` when one is given (SMTP_URL must be set). If the mail cannot
 * be sent, the invite is taken back, so no link exists that nobody received.
 */
export async function inviteSomeone(admin: { id: string; name: string }, origin: string, email?: string) {
  if (email && !mailConfigured()) {
    throw conflict("No mail server is set up (SMTP_URL): leave out the email, copy the link and send it yourself.");
  }
  const invite = await createInvite(admin.id);
  const url = `${origin}/invite/${invite.token}`;
  if (email) {
    await sendMail({
      to: email,
      subject: `${admin.name} invited you to Storyreel`,
      text: `${admin.name} invited you to make videos with Storyreel.\n\nCreate your account here (the link works once, for ${INVITE_DAYS} days):\n${url}\n`,
    }).catch(async (error: unknown) => {
      await getDb().invite.delete({ where: { id: invite.id } });
      throw error;
    });
  }
  return { ...invite, url, emailedTo: email ?? null };
}
