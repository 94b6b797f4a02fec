import { expect, test } from "@playwright/test";
import { useOwnerSession } from "../helpers/browser-session";
import { startApp, startWorker, type RunningApp } from "../helpers/start-app";

// The job page waits on the server (`?wait=25` with the ETag it holds) and sees a change a separate worker makes
// within a second, instead of at its next stage interval (5 s while the storyboard is drawn).
let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp({ RUN_WORKER: "false" });
});
test.afterAll(async () => {
  await app?.stop();
});
test.beforeEach(({ page }) => useOwnerSession(page, app));

test("the job page long-polls and sees the storyboard within a second of it being ready", async ({ page }) => {
  const created = await fetch(`${app.baseUrl}/api/jobs`, {
    method: "POST",
    headers: { ...app.auth, "Content-Type": "application/json" },
    body: JSON.stringify({ prompt: "A kite rises over a beach. The string snaps. It lands in the sea.", sceneCount: 2 }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const polls: { wait: string | null; status: number }[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname === `/api/jobs/${id}`) polls.push({ wait: url.searchParams.get("wait"), status: response.status() });
  });
  await page.goto(`${app.baseUrl}/jobs/${id}`);
  await expect(page.getByText("Waiting in queue")).toBeVisible();
  // The first poll fetches the job and its ETag; the next waits on the server (its answer is still out).
  await expect.poll(() => polls.length).toBeGreaterThan(0);

  const worker = await startWorker(app.dataDir);
  try {
    await expect(page.getByRole("button", { name: "Approve storyboard" })).toBeEnabled({ timeout: 60_000 });
    const seenAt = Date.now();
    const job = (await (await fetch(`${app.baseUrl}/api/jobs/${id}`, { headers: app.auth })).json()) as { updatedAt: string };
    expect(seenAt - Date.parse(job.updatedAt)).toBeLessThan(1500);
    const waited = polls.filter((p) => p.wait === "25");
    expect(waited.length).toBeGreaterThan(0);
    expect(waited.every((p) => p.status === 200 || p.status === 304)).toBe(true);
    await page.screenshot({ path: "tests/artifacts/screenshots/07c-seen-by-long-poll.png" });
  } finally {
    await worker.stop();
  }
});
