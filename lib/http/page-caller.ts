import { notFound, redirect } from "next/navigation";
import { ownerMissing } from "@/lib/auth/owner-setup";
import { findCaller, type Caller } from "./caller";
import { localPathOr } from "./local-path";

/**
 * The signed-in person for a page, or a redirect: to the owner's setup on a fresh install, to sign-in
 * (coming back to `path` afterwards) otherwise. Admin pages answer 404 to everyone else.
 */
export async function callerForPage(path: string, options: { admin?: boolean } = {}): Promise<Caller> {
  if (await ownerMissing()) redirect("/setup");
  const caller = await findCaller();
  if (!caller) redirect(`/sign-in?next=${encodeURIComponent(localPathOr(path))}`);
  if (options.admin && !caller.isAdmin) notFound();
  return caller;
}
