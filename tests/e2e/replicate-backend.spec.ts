import { expect, test } from "@playwright/test";
import { JobPage } from "../pages/job-page";
import { NewVideoPage } from "../pages/new-video-page";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";
import { startApp, type RunningApp } from "../helpers/start-app";
import { formatCost } from "@/components/format";
import { estimateJobCost } from "@/lib/costs/estimate-cost";
import { resolveModels } from "@/lib/providers/replicate/configured-models";

// Expected prices come from the model table (the defaults the app runs with here), never from literals.
const models = resolveModels({
  writer: "meta/meta-llama-3-8b-instruct",
  still: "black-forest-labs/flux-schnell",
  clip: "wan-video/wan-2.2-i2v-fast",
});
const estimateFor = (sceneCount: number) => estimateJobCost({ models, sceneCount }).totalUsd;

// The whole wizard on GENERATION_PROVIDER=replicate: the real `replicate` client against a fake Replicate.
let fake: FakeReplicate;
let app: RunningApp;

test.beforeAll(async () => {
  fake = await startFakeReplicate();
  app = await startApp({
    GENERATION_PROVIDER: "replicate",
    REPLICATE_API_TOKEN: fake.token,
    REPLICATE_API_BASE_URL: fake.apiUrl,
    REPLICATE_RETRY_BASE_MS: "20",
    REPLICATE_POLL_MS: "30",
  });
});
test.afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

test("the wizard shows the cost before anything is spent, and the job and gallery show what was", async ({ page }) => {
  await page.goto(`${app.baseUrl}/new`);
  const estimate = page.getByTestId("cost-estimate");
  await expect(estimate).toHaveText(`about ${formatCost(estimateFor(4))}`);
  await page.getByLabel("Scenes").selectOption("2");
  await expect(estimate).toHaveText(`about ${formatCost(estimateFor(2))}`);
  await page.screenshot({ path: "tests/artifacts/screenshots/12-wizard-replicate-estimate.png", fullPage: true });
  expect(fake.creates()).toHaveLength(0);

  await new NewVideoPage(page).create("A tram climbs the hill at dawn. The city wakes below.", { scenes: 2 });
  const job = new JobPage(page);
  await job.waitForStoryboard(2);
  // Spent so far: the writer's tokens as the fake reports them, and two stills; the page shows the job's own figure.
  const jobId = page.url().split("/jobs/")[1]!;
  const drafted = (await (await fetch(`${app.baseUrl}/api/jobs/${jobId}`)).json()) as { costUsd: number };
  expect(drafted.costUsd).toBeGreaterThan(2 * models.still.perImageUsd);
  await expect(page.getByTestId("job-cost")).toHaveText(
    `Spent ${formatCost(drafted.costUsd)} of about ${formatCost(estimateFor(2))} estimated`,
  );
  await job.approve();
  expect(await job.waitForVideoDuration()).toBeGreaterThan(5);
  await expect(page.getByText("replicate back end")).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/screenshots/13-job-replicate-done.png", fullPage: true });

  await page.getByRole("link", { name: "Gallery" }).click();
  const done = (await (await fetch(`${app.baseUrl}/api/jobs/${jobId}`)).json()) as { costUsd: number };
  await expect(page.getByTestId("spent-today")).toHaveText(`Spent today (UTC): ${formatCost(done.costUsd)}`);
  await page.screenshot({ path: "tests/artifacts/screenshots/14-gallery-spent-today.png", fullPage: true });
});

test("while Replicate is down the job page says the job is paused, and it carries on when it is back", async ({ page }) => {
  fake.setOutage(true);
  try {
    const created = await fetch(`${app.baseUrl}/api/jobs`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
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
