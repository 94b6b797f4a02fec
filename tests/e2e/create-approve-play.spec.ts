import { expect, test } from "@playwright/test";
import { JobPage } from "../pages/job-page";
import { NewVideoPage } from "../pages/new-video-page";
import { startApp } from "../helpers/start-app";
import { useOwnerSession } from "../helpers/browser-session";

const shots = "tests/artifacts/screenshots";
const PROMPT =
  "A lighthouse keeper watches a storm roll in over the sea. At night the lamp fails. She climbs the tower with a lantern.";

test("an empty gallery invites the first video, and the browser finds the app's icon", async ({ page }) => {
  const fresh = await startApp(); // its own empty database, whatever other specs left in the shared one
  try {
    const failed: string[] = [];
    page.on("response", (response) => response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`));
    await useOwnerSession(page, fresh);
    await page.goto(fresh.baseUrl);
    await expect(page.getByText("No videos yet")).toBeVisible();
    const icon = await page.request.get(`${fresh.baseUrl}/favicon.ico`);
    expect([icon.status(), icon.headers()["content-type"]]).toEqual([200, "image/x-icon"]);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /og-image\.png$/);
    expect(failed, "no request of the page fails (a missing favicon used to)").toEqual([]);
    await page.screenshot({ path: `${shots}/01-empty-gallery.png`, fullPage: true });
  } finally {
    await fresh.stop();
  }
});

test("prompt -> storyboard -> edit -> regenerate -> approve -> play -> share -> gallery", async ({ page, playwright }) => {
  const wizard = new NewVideoPage(page);
  await wizard.goto();
  await expect(page.getByText(/Estimated cost/)).toBeVisible();
  await page.getByRole("textbox", { name: "Prompt" }).fill(PROMPT);
  await page.screenshot({ path: `${shots}/02-wizard.png`, fullPage: true });
  await wizard.create(PROMPT, { scenes: 3 });

  const job = new JobPage(page);
  await job.waitForStoryboard(3);
  await page.screenshot({ path: `${shots}/03-storyboard.png`, fullPage: true });

  await job.editCaption(1, "The keeper sees the storm coming.");
  await expect(page.getByLabel("Caption for scene 1")).toHaveValue("The keeper sees the storm coming.");
  await page.reload();
  await expect(page.getByLabel("Caption for scene 1")).toHaveValue("The keeper sees the storm coming.");

  await job.regenerate(2);
  await page.screenshot({ path: `${shots}/04-edited-and-regenerated.png`, fullPage: true });

  await job.approve();
  await expect(page.getByRole("region", { name: "Scenes" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Job progress" })).toBeVisible();
  await page.screenshot({ path: `${shots}/05-rendering.png`, fullPage: true });

  const duration = await job.waitForVideoDuration();
  expect(duration).toBeGreaterThan(5);
  await expect(page.getByRole("link", { name: "Download" })).toHaveAttribute("href", /final\.mp4\?download=1$/);
  const scenes = page.getByRole("region", { name: "Scenes" }).getByRole("listitem");
  await expect(scenes).toHaveCount(3);
  await expect(scenes.first()).toContainText("The keeper sees the storm coming.");
  await page.screenshot({ path: `${shots}/06-player.png`, fullPage: true });

  // A share link plays without signing in (a request context with no cookies); stopping sharing ends it.
  await page.getByRole("button", { name: "Make a share link" }).click();
  const shareUrl = (await page.getByTestId("share-link").textContent())!;
  await page.screenshot({ path: `${shots}/06b-share-link.png`, fullPage: true });
  const stranger = await playwright.request.newContext();
  const shared = await stranger.get(shareUrl);
  expect([shared.status(), shared.headers()["content-type"]]).toEqual([200, "video/mp4"]);
  await page.getByRole("button", { name: "Stop sharing" }).click();
  await expect(page.getByText("Sharing stopped")).toBeVisible();
  expect((await stranger.get(shareUrl)).status()).toBe(404);
  await stranger.dispose();

  await page.getByRole("link", { name: "Gallery" }).click();
  const card = page.getByRole("list", { name: "Videos" }).getByRole("listitem").first();
  await expect(card).toContainText("Completed");
  await expect(card).toContainText(PROMPT.slice(0, 30));
  await page.screenshot({ path: `${shots}/07-gallery.png`, fullPage: true });
});

test("the wizard explains a rejected prompt instead of failing silently", async ({ page }) => {
  await page.goto("/new");
  await page.getByRole("button", { name: "Create storyboard" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Write a prompt/ })).toBeVisible();
  await expect(page).toHaveURL(/\/new$/);
});
