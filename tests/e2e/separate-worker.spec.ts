import { expect, test } from "@playwright/test";
import { useOwnerSession } from "../helpers/browser-session";
import { startApp, startWorker, type RunningApp } from "../helpers/start-app";

// A web server that runs no jobs (RUN_WORKER=false) and a separate `npm run worker` on the same database.
// The job page is opened while the job is still queued, so the page must notice the change by polling alone.
let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp({ RUN_WORKER: "false" });
});
test.afterAll(async () => {
  await app?.stop();
});
test.beforeEach(({ page }) => useOwnerSession(page, app));

test("the job page follows a job that a separate worker advances, without a reload", async ({ page }) => {
  const created = await fetch(`${app.baseUrl}/api/jobs`, {
    method: "POST",
    headers: { ...app.auth, "Content-Type": "application/json" },
    body: JSON.stringify({ prompt: "A paper boat drifts down a rainy street. It reaches the river.", sceneCount: 2 }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };

  // At least one poll must find the job unchanged before anything moves it.
  const unchangedPoll = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/jobs/${id}`);
  await page.goto(`${app.baseUrl}/jobs/${id}`);
  await expect(page.getByText("Waiting in queue")).toBeVisible();
  await expect(page.getByTestId("queue-position")).toHaveText("Next in line for a free worker");
  await page.screenshot({ path: "tests/artifacts/screenshots/07b-waiting-in-line.png" });
  await unchangedPoll;

  const worker = await startWorker(app.dataDir);
  try {
    await expect(page.getByRole("button", { name: "Approve storyboard" })).toBeEnabled({ timeout: 60_000 });
    await expect(page.getByRole("img", { name: /Storyboard still for scene/ })).toHaveCount(2);
    await expect(page.getByTestId("queue-position")).toHaveCount(0);
  } finally {
    await worker.stop();
  }
});

test("the gallery shows every job, a page at a time", async ({ page }) => {
  // Whatever other tests left in this database counts too: this test stands alone.
  const existing = (
    (await (await fetch(`${app.baseUrl}/api/jobs?limit=100`, { headers: app.auth })).json()) as {
      jobs: { queuePosition: number | null }[];
    }
  ).jobs;
  const waitingBefore = existing.filter((job) => job.queuePosition != null).length;
  // No runner here now, so these stay queued and cost nothing to create.
  for (let n = 0; n < 25; n++) {
    const created = await fetch(`${app.baseUrl}/api/jobs`, {
      method: "POST",
      headers: { ...app.auth, "Content-Type": "application/json" },
      body: JSON.stringify({ prompt: `Gallery filler ${n}: a lantern in the window.`, sceneCount: 2 }),
    });
    expect(created.status).toBe(201);
  }
  await page.goto(app.baseUrl);
  const cards = page.getByRole("list", { name: "Videos" }).getByRole("listitem");
  await expect(cards).toHaveCount(24);
  await expect(cards.first()).toContainText("Gallery filler 24");
  await expect(cards.first()).toContainText(`#${waitingBefore + 25} in line`);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(cards).toHaveCount(existing.length + 25);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await page.screenshot({ path: "tests/artifacts/screenshots/08-gallery-paged.png", fullPage: true });
});
