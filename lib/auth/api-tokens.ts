import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { getAuth } from "./auth";
import { bumpAuthGeneration } from "./auth-generation";

export interface ApiTokenView {
  id: string;
  name: string;
  /** The first characters, so a person can tell their tokens apart; the rest is never shown again. */
  start: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A personal token for scripts: shown once (`token`), kept only as a hash by better-auth's api-key plugin. */
export async function createApiToken(userId: string, name: string): Promise<ApiTokenView & { token: string }> {
  const created = await getAuth().api.createApiKey({ body: { name, userId } });
  return {
    id: created.id,
    name: created.name ?? name,
    start: created.start ?? null,
    createdAt: new Date(created.createdAt).toISOString(),
    lastUsedAt: null,
    token: created.key,
  };
}

export async function listApiTokens(userId: string): Promise<ApiTokenView[]> {
  const rows = await getDb().apikey.findMany({ where: { referenceId: userId }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name ?? "",
    start: r.start,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastRequest?.toISOString() ?? null,
  }));
}

/** Another user's token id is as unknown as a made-up one. */
export async function revokeApiToken(userId: string, tokenId: string): Promise<void> {
  const deleted = await getDb().apikey.deleteMany({ where: { id: tokenId, referenceId: userId } });
  if (deleted.count === 0) throw notFound("That token");
  await bumpAuthGeneration();
}

/** Every token of a person, for when their account may have been taken over (a reset, "sign out everywhere"). */
export async function revokeAllApiTokens(userId: string): Promise<number> {
  const { count } = await getDb().apikey.deleteMany({ where: { referenceId: userId } });
  await bumpAuthGeneration();
  return count;
}
