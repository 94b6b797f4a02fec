import { expect, test as setup } from "@playwright/test";
import { OWNER } from "../helpers/start-app";

export const OWNER_STATE = "tests/artifacts/auth/owner.json";

// The first visit to a fresh install: it asks for the owner's account, and the owner lands in the gallery.
// The signed-in browser state is what every other spec on this server starts from.
setup("a fresh install asks for the owner's account on the first visit", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Storyreel" })).toBeVisible();
  await page.getByLabel("Name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create the owner's account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "password" })).toHaveText("A password needs at least 10 characters.");
  await page.screenshot({ path: "tests/artifacts/screenshots/00-owner-setup.png", fullPage: true });
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create the owner's account" }).click();
  await expect(page.getByRole("heading", { name: "Gallery" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await page.context().storageState({ path: OWNER_STATE });
});
