import type { Page } from "@playwright/test";
import type { RunningApp } from "./start-app";

/** Gives the browser the owner's session on an app a spec started itself (cookies are per host, not per port). */
export async function useOwnerSession(page: Page, app: RunningApp): Promise<void> {
  const cookies = app.cookie.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url: app.baseUrl };
  });
  await page.context().clearCookies();
  await page.context().addCookies(cookies);
}
