import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { resolveCaller } from "@/lib/http/caller";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether the request carries METRICS_TOKEN as its bearer token (compared in constant time). */
export function hasMetricsToken(headers: Headers): boolean {
  const expected = getEnv().METRICS_TOKEN;
  const offered = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "")?.[1];
  return Boolean(expected && offered && timingSafeEqual(digest(offered), digest(expected)));
}

/**
 * A scraper with METRICS_TOKEN, or an admin (session or personal token). Anyone else is answered as admin routes
 * answer them: who is not signed in is asked to (401), a person who is not an admin is told there is no such page.
 */
export async function authorizeMetricsReader(headers: Headers): Promise<void> {
  if (hasMetricsToken(headers)) return;
  const caller = await resolveCaller(headers);
  if (!caller.isAdmin) throw notFound("That page");
}
