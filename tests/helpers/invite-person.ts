import assert from "node:assert/strict";
import type { RunningApp } from "./start-app";

/** A second person in the studio, the way one joins: the owner's invite link accepted, then an API token made. */
export async function invitePerson(app: RunningApp, who: { name: string; email: string; password: string }): Promise<string> {
  const invite = await fetch(`${app.baseUrl}/api/invites`, {
    method: "POST",
    headers: { ...app.auth, "content-type": "application/json" },
    body: "{}",
  });
  const { url } = (await invite.json()) as { url: string };
  const joined = await fetch(`${app.baseUrl}/api/invites/accept`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: url.split("/invite/")[1], ...who }),
  });
  assert.equal(joined.status, 201, await joined.clone().text());
  const cookie = joined.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const made = await fetch(`${app.baseUrl}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ name: who.name }),
  });
  return ((await made.json()) as { token: string }).token;
}
