/** The id of the default owner created by the first migration. */
export const LOCAL_CLIENT_ID = "local";

/**
 * Who is asking. Single-user self-hosting has one owner; this is the seam where API keys or
 * sessions plug in, and every query below already filters by the id it returns.
 */
export async function getCurrentClientId(): Promise<string> {
  return LOCAL_CLIENT_ID;
}
