import { expect, test } from "@playwright/test";
import { SignInPage } from "../pages/sign-in-page";
import { OWNER } from "../helpers/start-app";

// A sign-in link's `next`, as it is written in the address bar (percent-escapes and all): each of these is a
// way to name another site that a check for a leading "//" lets through. After signing in, the browser must
// still be on the studio.
const TRICKS = [
  "//evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0d%0a/evil.example",
  "/%5Cevil.example",
  "/%255Cevil.example",
  "/%2F/evil.example",
  "%5C%5Cevil.example",
  "/%5C/evil.example",
  "javascript:alert(document.domain)",
  "http://evil.example",
  "https:evil.example",
  "%20%20//evil.example",
  "%09//evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/x/%2e%2e//evil.example",
];

test.use({ storageState: { cookies: [], origins: [] } });

test("signing in never sends the browser to another site, whatever next says", async ({ page, baseURL }) => {
  const studio = new URL(baseURL!).origin;
  const leftFor: string[] = [];
  // Nothing outside the studio answers here; if the browser tries, record it and show a page that says so.
  await page.context().route(
    (url) => url.origin !== studio,
    (route) => {
      leftFor.push(route.request().url());
      return route.fulfill({ contentType: "text/html", body: "<h1>Another site</h1>" });
    },
  );
  const signIn = new SignInPage(page);
  for (const next of TRICKS) {
    await page.context().clearCookies();
    await signIn.goto(next);
    await signIn.signIn(OWNER.email, OWNER.password);
    await expect(page.getByRole("heading", { name: "Gallery" }), `next=${next}`).toBeVisible();
    expect(new URL(page.url()).origin, `next=${next}`).toBe(studio);
    expect(leftFor, `next=${next}`).toEqual([]);
  }

  // A path on the studio is still honoured.
  await page.context().clearCookies();
  await signIn.goto("%2Faccount%3Ftab%3Dtokens");
  await signIn.signIn(OWNER.email, OWNER.password);
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  expect(page.url()).toBe(`${studio}/account?tab=tokens`);
});
