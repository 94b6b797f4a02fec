import type { Prisma } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db/client";
import { conflict } from "@/lib/errors";
import { createAccount } from "./accounts";
import type { NewAccount } from "./schemas";
import { UNCLAIMED_EMAIL_SUFFIX } from "./unclaimed-users";

const OWNER_KEY = "owner";

/** Whether the first visit must still create the owner's account. */
export async function ownerMissing(): Promise<boolean> {
  return (await getDb().setting.findUnique({ where: { key: OWNER_KEY } })) === null;
}

/** The owner's user id (or, before setup, the placeholder that holds older jobs). */
export async function defaultOwnerId(): Promise<string | null> {
  const db = getDb();
  const owner = await db.setting.findUnique({ where: { key: OWNER_KEY } });
  if (owner?.value) return owner.value;
  return (await db.user.findFirst({ where: { email: { endsWith: UNCLAIMED_EMAIL_SUFFIX } } }))?.id ?? null;
}

/**
 * The first account, an admin. Claiming the setting row first makes it happen once, however many people
 * submit the form at the same moment; jobs made before accounts existed become the owner's.
 */
export async function setUpOwner(account: NewAccount): Promise<{ id: string; email: string }> {
  const db = getDb();
  try {
    await db.setting.create({ data: { key: OWNER_KEY, value: "" } });
  } catch {
    throw conflict("This studio already has an owner: sign in instead.");
  }
  try {
    const owner = await createAccount(account, "admin");
    await db.$transaction(async (tx) => {
      await handOverUnclaimedJobs(tx, owner.id);
      await tx.setting.update({ where: { key: OWNER_KEY }, data: { value: owner.id } });
    });
    return owner;
  } catch (error) {
    await db.setting.delete({ where: { key: OWNER_KEY } }).catch(() => undefined);
    throw error;
  }
}

/** An admin made from the shell before anyone visited becomes the owner (and takes over the older jobs). */
export async function claimOwnerIfNone(userId: string): Promise<void> {
  const db = getDb();
  try {
    await db.setting.create({ data: { key: OWNER_KEY, value: userId } });
  } catch {
    return; // there is an owner already
  }
  await db.$transaction((tx) => handOverUnclaimedJobs(tx, userId));
}

async function handOverUnclaimedJobs(tx: Prisma.TransactionClient, ownerId: string): Promise<void> {
  const unclaimed = await tx.user.findMany({ where: { email: { endsWith: UNCLAIMED_EMAIL_SUFFIX } }, select: { id: true } });
  const ids = unclaimed.map((u) => u.id);
  await tx.job.updateMany({ where: { userId: { in: ids } }, data: { userId: ownerId } });
  await tx.user.deleteMany({ where: { id: { in: ids } } });
}
