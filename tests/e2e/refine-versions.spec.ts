import { expect, test } from "@playwright/test";
import { apiClient } from "../helpers/api-client";
import { useOwnerSession } from "../helpers/browser-session";
import { startApp, type RunningApp } from "../helpers/start-app";

// A finished video refined in the browser: one caption changed, v2 rendered, then switched between versions.
let app: RunningApp;
const shots = "tests/artifacts/screenshots";

test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => app?.stop());
test.beforeEach(({ page }) => useOwnerSession(page, app));

test("change a scene, render v2, play v1 again, and make it current", async ({ page }) => {
  const api = apiClient(app.baseUrl, app.token);
  const created = await api.createJob({
    prompt: "A paper boat sails a gutter. It reaches the sea.",
    sceneCount: 2,
    autoApprove: true,
  });
  await api.waitForStatus(created.id, ["completed"]);

  await page.goto(`${app.baseUrl}/jobs/${created.id}`);
  await expect(page.getByRole("region", { name: "Final video" })).toBeVisible();
  await page.getByText("Refine this video").click();
  const refine = page.getByRole("region", { name: "Refine · version 2" });
  await expect(refine.getByTestId("version-estimate")).toContainText("Nothing changed");
  await expect(refine.getByRole("button", { name: "Render new version" })).toBeDisabled();

  await refine.getByLabel("Caption for scene 1").fill("The boat sets off at dawn");
  await refine.getByRole("listitem", { name: "Scene 1", exact: true }).getByRole("button", { name: "Save" }).click();
  await expect(refine.getByTestId("version-estimate")).toContainText("Scene 1: caption");
  await expect(refine.getByTestId("version-estimate")).toContainText("Every clip is reused");
  await page.screenshot({ path: `${shots}/24-refine-draft.png`, fullPage: true });
  await refine.getByRole("button", { name: "Render new version" }).click();

  const versions = page.getByRole("region", { name: "Versions" });
  const v2 = versions.getByRole("listitem", { name: "Version 2" });
  await expect(v2).toContainText("current", { timeout: 90_000 });
  await expect(v2).toContainText("Scene 1: caption");
  await expect(page.getByRole("region", { name: "Final video" }).locator("video")).toHaveAttribute("src", /final-v2\.mp4$/);
  await page.screenshot({ path: `${shots}/25-versions.png`, fullPage: true });

  const v1 = versions.getByRole("listitem", { name: "Version 1" });
  await v1.getByRole("button", { name: "Play version 1" }).click();
  await expect(page.getByRole("region", { name: "Version 1" }).locator("video")).toHaveAttribute("src", /final\.mp4$/);
  await expect(v1.getByRole("link", { name: "Download version 1" })).toHaveAttribute("href", /final\.mp4\?download=1$/);
  await v1.getByRole("button", { name: "Make current version 1" }).click();
  await expect(v1).toContainText("current");
  await expect(page.getByLabel("Caption for scene 1")).not.toHaveValue("The boat sets off at dawn");
});
