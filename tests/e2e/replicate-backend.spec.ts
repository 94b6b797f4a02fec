import { expect, test } from "@playwright/test";
import { useOwnerSession } from "../helpers/browser-session";
import { JobPage } from "../pages/job-page";
import { NewVideoPage } from "../pages/new-video-page";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";
import { startApp, type RunningApp } from "../helpers/start-app";
import { formatCost } from "@/components/format";
import { estimateJobCost } from "@/lib/costs/estimate-cost";
import { resolveModels } from "@/lib/backends/replicate/configured-models";
import { chooseClips } from "@/lib/backends/replicate/clip-plan";
import { replicateEnv } from "../helpers/replicate-env";

// Expected prices come from the model table (the defaults the app runs with here), never from literals.
const models = resolveModels({
  writer: "meta/meta-llama-3-8b-instruct",
  still: "black-forest-labs/flux-schnell",
  clip: "wan-video/wan-2.2-i2v-fast",
});
const estimateFor = (sceneCount: number) => estimateJobCost({ models, sceneCount }).totalUsd;

// The whole wizard on GENERATION_BACKEND=replicate: the real `replicate` client against a fake Replicate.
let fake: FakeReplicate;
let app: RunningApp;

test.beforeAll(async () => {
  fake = await startFakeReplicate();
  app = await startApp(replicateEnv(fake));
});
test.afterAll(async () => {
  await app?.stop();
  await fake?.close();
});
test.beforeEach(({ page }) => useOwnerSession(page, app));

test("the wizard shows the cost before anything is spent, and the job and gallery show what was", async ({ page }) => {
  await page.goto(`${app.baseUrl}/new`);
  const estimate = page.getByTestId("cost-estimate");
  await expect(estimate).toHaveText(`about ${formatCost(estimateFor(4))}`);
  await page.getByLabel("Scenes", { exact: true }).selectOption("2");
  await expect(estimate).toHaveText(`about ${formatCost(estimateFor(2))}`);
  await page.screenshot({ path: "tests/artifacts/screenshots/12-wizard-replicate-estimate.png", fullPage: true });
  expect(fake.creates()).toHaveLength(0);

  await new NewVideoPage(page).create("A tram climbs the hill at dawn. The city wakes below.", { scenes: 2 });
  const job = new JobPage(page);
  await job.waitForStoryboard(2);
  // Spent so far: the writer's tokens as the fake reports them, and two stills; the page shows the job's own figure.
  const jobId = page.url().split("/jobs/")[1]!;
  const drafted = (await (await fetch(`${app.baseUrl}/api/jobs/${jobId}`, { headers: app.auth })).json()) as { costUsd: number };
  expect(drafted.costUsd).toBeGreaterThan(2 * models.still.perImageUsd);
  await expect(page.getByTestId("job-cost")).toHaveText(
    `Spent ${formatCost(drafted.costUsd)} of about ${formatCost(estimateFor(2))} estimated`,
  );
  await job.approve();
  expect(await job.waitForVideoDuration()).toBeGreaterThan(5);
  await expect(page.getByText("replicate back end")).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/screenshots/13-job-replicate-done.png", fullPage: true });

  await page.getByRole("link", { name: "Gallery" }).click();
  const done = (await (await fetch(`${app.baseUrl}/api/jobs/${jobId}`, { headers: app.auth })).json()) as { costUsd: number };
  await expect(page.getByTestId("spent-today")).toHaveText(`Spent today (UTC): ${formatCost(done.costUsd)}`);
  await page.screenshot({ path: "tests/artifacts/screenshots/14-gallery-spent-today.png", fullPage: true });
});

test("the wizard offers the clip models with their prices, lengths and continuity, and the job is made with the choice", async ({
  page,
}) => {
  await page.goto(`${app.baseUrl}/new`);
  const estimate = page.getByTestId("cost-estimate");
  const hailuo = resolveModels({ writer: models.writer.ref, still: models.still.ref, clip: "minimax/hailuo-02" });
  const expected = (sceneCount: number, clips: Parameters<typeof chooseClips>[1]) =>
    formatCost(estimateJobCost({ models: hailuo, sceneCount, clips: chooseClips(hailuo.clip, clips) }).totalUsd);

  await page.getByLabel("Clip model").selectOption("minimax/hailuo-02");
  await expect(page.getByLabel("Resolution")).toHaveValue("768p");
  await expect(estimate).toHaveText(`about ${expected(4, {})}`);
  await page.getByLabel("Resolution").selectOption("1080p");
  await expect(estimate).toHaveText(`about ${expected(4, { resolution: "1080p" })}`);
  await expect(page.getByLabel("Resolution").locator("option:checked")).toHaveText("1080p · $0.08/s · 6 s clips");

  // Kling makes no end frame at 720p: continuous is offered only at 1080p.
  await page.getByLabel("Clip model").selectOption("kwaivgi/kling-v2.1");
  await expect(page.getByLabel("Resolution")).toHaveValue("1080p", { timeout: 1000 }); // kept: Kling has it too
  await page.getByLabel("Resolution").selectOption("720p");
  await expect(page.getByRole("radio", { name: /Continuous/ })).toBeDisabled();
  await page.getByLabel("Resolution").selectOption("1080p");
  await expect(page.getByRole("radio", { name: /Continuous/ })).toBeEnabled();

  // Veo makes no square video: the wizard says so before the person presses the button.
  await page.getByLabel("Clip model").selectOption("google/veo-3.1-fast");
  await page.getByText("1:1", { exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Veo" })).toContainText("Veo 3.1 Fast makes 16:9 and 9:16 video only");
  await expect(estimate).toHaveText("not available for these settings");
  await page.getByText("16:9", { exact: true }).click();

  await page.getByLabel("Clip model").selectOption("minimax/hailuo-02");
  await page.getByLabel("Resolution").selectOption("768p");
  await page.getByText("Continuous", { exact: true }).click();
  await expect(estimate).toHaveText(`about ${expected(4, { continuity: "continuous" })}`);
  await page.screenshot({ path: "tests/artifacts/screenshots/16-wizard-clip-models.png", fullPage: true });
  await new NewVideoPage(page).create("A lantern drifts up. It joins the stars.", { scenes: 2 });
  await expect(page.getByText("minimax/hailuo-02 768p · continuous scenes")).toBeVisible();
  await new JobPage(page).waitForStoryboard(2);
  const jobId = page.url().split("/jobs/")[1]!;
  const job = (await (await fetch(`${app.baseUrl}/api/jobs/${jobId}`, { headers: app.auth })).json()) as {
    clips: unknown;
    estimatedCostUsd: number;
  };
  expect(job.clips).toEqual({ model: "minimax/hailuo-02", resolution: "768p", continuity: "continuous" });
  expect(formatCost(job.estimatedCostUsd)).toBe(expected(2, { continuity: "continuous" }));
});

test("while Replicate is down the job page says the job is paused, and it carries on when it is back", async ({ page }) => {
  fake.setOutage(true);
  try {
    const created = await fetch(`${app.baseUrl}/api/jobs`, {
      method: "POST",
      headers: { ...app.auth, "Content-Type": "application/json" },
      body: JSON.stringify({ prompt: "The lights go out. A candle is lit.", sceneCount: 2 }),
    });
    const { id } = (await created.json()) as { id: string };
    await page.goto(`${app.baseUrl}/jobs/${id}`);
    await expect(page.getByText(/Replicate is not answering right now; this job is paused/)).toBeVisible();
    await page.screenshot({ path: "tests/artifacts/screenshots/15-job-paused-breaker-open.png", fullPage: true });
  } finally {
    fake.setOutage(false);
  }
  await expect(page.getByRole("button", { name: "Approve storyboard" })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByText(/Replicate is not answering/)).toHaveCount(0);
});
