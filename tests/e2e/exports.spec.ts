import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { apiClient } from "../helpers/api-client";
import { useOwnerSession } from "../helpers/browser-session";
import { startApp, type RunningApp } from "../helpers/start-app";

const shots = "tests/artifacts/screenshots";
let app: RunningApp;
let jobId: string;

test.beforeAll(async () => {
  app = await startApp();
  const api = apiClient(app.baseUrl, app.token);
  const job = await api.createJob({
    prompt: "A paper boat sails down a rainy street. It reaches the sea.",
    sceneCount: 2,
    targetSeconds: 4,
    autoApprove: true,
  });
  await api.waitForStatus(job.id, ["completed"]);
  jobId = job.id;
});
test.afterAll(async () => {
  await app?.stop();
});

test("export for TikTok from a finished job's page and download it", async ({ page }) => {
  await useOwnerSession(page, app);
  await page.goto(`${app.baseUrl}/jobs/${jobId}`);
  const panel = page.getByRole("region", { name: "Export" });
  await expect(panel.getByText("No exports yet.")).toBeVisible();
  await panel.getByRole("button", { name: /TikTok \/ Reels \/ Shorts/ }).click();

  const item = panel.getByTestId("export-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("TikTok / Reels / Shorts · MP4 1080x1920");
  const download = item.getByRole("link", { name: "Download TikTok / Reels / Shorts · MP4 1080x1920" });
  await expect(download).toBeVisible({ timeout: 120_000 });
  await expect(item).toContainText(/v1 · Ready · \d+(\.\d)? (KB|MB)/);
  await expect(item.getByRole("progressbar")).toHaveCount(0);

  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toBe(`storyreel-${jobId}-v1-tiktok-1080x1920.mp4`);
  const saved = await file.path();
  expect(fs.statSync(saved!).size).toBeGreaterThan(10_000);

  // The custom form, open, for the screenshots at a desktop and a phone width, in both themes.
  await panel.getByText("Custom").click();
  await panel.getByRole("combobox", { name: "Format" }).selectOption("gif");
  await page.emulateMedia({ colorScheme: "dark" });
  await panel.screenshot({ path: `${shots}/exports-1280-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.screenshot({ path: `${shots}/exports-390-light.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await panel.screenshot({ path: `${shots}/exports-390-dark.png` });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "nothing wider than a phone").toBeLessThanOrEqual(0);

  await item.getByRole("button", { name: /^Delete / }).click();
  await expect(panel.getByText("No exports yet.")).toBeVisible();
});
