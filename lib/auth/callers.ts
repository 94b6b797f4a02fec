import { getDb } from "@/lib/db/client";
import { getAuth } from "./auth";

/** Who is asking, once authenticated: the user who owns what they touch (`clientId` is the user's id). */
export interface Caller {
  clientId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** How they proved it: a browser session or a personal API token. */
  via: "session" | "token";
}

const isDisabled = (user: { banned?: boolean | null }) => user.banned === true;

export async function callerFromSession(headers: Headers): Promise<Caller | null> {
  const session = await getAuth().api.getSession({ headers });
  if (!session || isDisabled(session.user)) return null;
  const { id, email, name, role } = session.user as { id: string; email: string; name: string; role?: string | null };
  return { clientId: id, email, name, isAdmin: role === "admin", via: "session" };
}

export async function callerFromApiToken(token: string): Promise<Caller | null> {
  const result = await getAuth()
    .api.verifyApiKey({ body: { key: token } })
    .catch(() => null);
  const userId = result?.valid ? result.key?.referenceId : undefined;
  if (!userId) return null;
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user || isDisabled(user)) return null;
  return { clientId: user.id, email: user.email, name: user.name, isAdmin: user.role === "admin", via: "token" };
}
