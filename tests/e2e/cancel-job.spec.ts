import { expect, test } from "@playwright/test";
import { useOwnerSession } from "../helpers/browser-session";
import { listFiles, startApp, type RunningApp } from "../helpers/start-app";

// A slow back end keeps the job in "Rendering clips" long enough to press Cancel mid-render.
let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp({ LOCAL_BACKEND_DELAY_MS: "1500" });
});
test.afterAll(async () => {
  await app?.stop();
});
test.beforeEach(({ page }) => useOwnerSession(page, app));

test("Cancel mid-render stops the job, and the page and gallery say so", async ({ page }) => {
  const created = await fetch(`${app.baseUrl}/api/jobs`, {
    method: "POST",
    headers: { ...app.auth, "Content-Type": "application/json" },
    body: JSON.stringify({
      prompt: "A heron waits in the reeds. It takes off over the marsh. The sun sets.",
      sceneCount: 3,
      autoApprove: true,
    }),
  });
  const { id } = (await created.json()) as { id: string };

  await page.goto(`${app.baseUrl}/jobs/${id}`);
  await expect(page.getByRole("heading", { name: "Rendering clips" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "Canceled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await page.screenshot({ path: "tests/artifacts/screenshots/11-job-canceled.png", fullPage: true });

  const job = (await (await fetch(`${app.baseUrl}/api/jobs/${id}`, { headers: app.auth })).json()) as {
    status: string;
    videoUrl: string | null;
  };
  expect([job.status, job.videoUrl]).toEqual(["canceled", null]);
  await expect.poll(() => listFiles(app.dataDir).filter((f) => f.includes(id) && f.includes(".part"))).toEqual([]);

  await page.goto(app.baseUrl);
  await expect(page.getByRole("list", { name: "Videos" }).getByRole("listitem").first()).toContainText("Canceled");
});
