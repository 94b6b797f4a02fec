import { LOCAL_CLIENT_ID } from "@/lib/clients/current-client";

/** Who is asking. Every route, action and page gets it from here, and every query filters by its client id. */
export interface Caller {
  clientId: string;
}

/**
 * Single-user self-hosting has one owner. This is the seam accounts fill: a session cookie or an API
 * token read from the request's headers becomes the caller here, and nowhere else.
 */
export async function resolveCaller(): Promise<Caller> {
  return { clientId: LOCAL_CLIENT_ID };
}
