import { expect, test } from "@playwright/test";
import { useOwnerSession } from "../helpers/browser-session";
import { startApp, type RunningApp } from "../helpers/start-app";
import { makeFlakyFfmpeg } from "../fakes/flaky-ffmpeg";

// The encoder fails while rendering; the person sees why, presses Retry, and gets the video.
const ffmpeg = makeFlakyFfmpeg();
let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp({ FFMPEG_PATH: ffmpeg.path });
});
test.afterAll(async () => {
  ffmpeg.fixIt();
  await app?.stop();
});
test.beforeEach(({ page }) => useOwnerSession(page, app));

test("a failed job explains itself in the gallery and the job page, and Retry finishes it", async ({ page }) => {
  ffmpeg.breakIt();
  const created = await fetch(`${app.baseUrl}/api/jobs`, {
    method: "POST",
    headers: { ...app.auth, "Content-Type": "application/json" },
    body: JSON.stringify({
      prompt: "A red kite climbs over the dunes. The wind drops at dusk.",
      sceneCount: 2,
      autoApprove: true,
    }),
  });
  const { id } = (await created.json()) as { id: string };

  await page.goto(app.baseUrl);
  const card = page.getByRole("list", { name: "Videos" }).getByRole("listitem").first();
  await expect(card).toContainText("Rendering the clip for scene 1 failed.", { timeout: 60_000 });
  await page.screenshot({ path: "tests/artifacts/screenshots/09-gallery-failed.png", fullPage: true });

  await page.goto(`${app.baseUrl}/jobs/${id}`);
  const alert = page.getByRole("alert").filter({ hasText: "This video could not be made." });
  await expect(alert).toContainText("Rendering the clip for scene 1 failed.");
  await page.screenshot({ path: "tests/artifacts/screenshots/10-job-failed.png", fullPage: true });

  ffmpeg.fixIt();
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.locator("video")).toBeVisible({ timeout: 90_000 });
  await expect(alert).toHaveCount(0);
});
