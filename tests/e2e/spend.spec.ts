import { expect, test } from "@playwright/test";
import { useOwnerSession } from "../helpers/browser-session";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";
import { replicateEnv } from "../helpers/replicate-env";
import { startApp, type RunningApp } from "../helpers/start-app";
import { formatCost } from "@/components/format";
import type { RefinementReport } from "@/lib/reports/refinement-report";

// The spend dashboard, the admin's daily limit and the budget sentences before the buttons, on the fake Replicate
// so every figure is a real cost; the dashboard's numbers are checked against its own CSV ledger.
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

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}${path}`, {
    ...init,
    headers: { ...app.auth, "Content-Type": "application/json", ...(init.headers as Record<string, string>) },
  });

async function videoUntil(status: string, prompt: string): Promise<string> {
  const job = (await (await api("/api/jobs", { method: "POST", body: JSON.stringify({ prompt, sceneCount: 2 }) })).json()) as {
    id: string;
  };
  await expect
    .poll(async () => ((await (await api(`/api/jobs/${job.id}`)).json()) as { status: string }).status, { timeout: 60_000 })
    .toBe("awaiting_approval");
  if (status === "completed") {
    await api(`/api/jobs/${job.id}/approve`, { method: "POST" });
    await expect
      .poll(async () => ((await (await api(`/api/jobs/${job.id}`)).json()) as { status: string }).status, { timeout: 90_000 })
      .toBe("completed");
  }
  return job.id;
}

/** The ledger as the CSV export gives it: a header line, then one call a line. */
function parseLedger(csv: string) {
  const [header, ...lines] = csv.trim().split("\r\n");
  const columns = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [columns[i], value])));
}

test("the dashboard's figures are the ledger's, and the CSV export is that ledger", async ({ page }) => {
  await videoUntil("completed", "A kite over the dunes. It lands softly.");
  await videoUntil("completed", "Snow on a tin roof. A cat watches.");
  await page.goto(`${app.baseUrl}/`);
  await page.getByRole("link", { name: "Spend" }).click();
  await expect(page.getByRole("heading", { name: "Spend", level: 1 })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the ledger (CSV)" }).click();
  const file = await (await download).path();
  const csv = (await import("node:fs")).readFileSync(file, "utf8");
  const rows = parseLedger(csv);
  expect(rows.length).toBeGreaterThanOrEqual(2 * (1 + 2 + 2));
  const total = rows.reduce((sum, r) => sum + Number(r.cost_usd), 0);
  await expect(page.getByTestId("spent-30-days")).toHaveText(formatCost(total));
  await expect(page.getByTestId("spent-today")).toHaveText(formatCost(total));

  const byModel = new Map<string, number>();
  for (const r of rows) byModel.set(r.model!, (byModel.get(r.model!) ?? 0) + Number(r.cost_usd));
  for (const [model, usd] of byModel) {
    if (usd === 0) continue;
    const row = page.getByTestId("by-model").getByRole("row").filter({ hasText: model });
    await expect(row.getByRole("cell").last()).toHaveText(formatCost(usd));
  }
  await expect(page.getByTestId("by-user").getByRole("row").filter({ hasText: "owner@storyreel.test" })).toContainText(
    formatCost(total),
  );
  await expect(page.getByTestId("per-video")).toHaveText(formatCost(total / 2));
  await expect(page.getByTestId("estimate-accuracy")).toHaveText(/^\d of 2 finished videos cost within 10% of their estimate\.$/);
  await expect(page.getByRole("img", { name: /Spend per day over 30 days/ })).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/screenshots/20-spend-dashboard.png", fullPage: true });
});

test("an admin's daily limit is said before the buttons: the approval screen and the wizard", async ({ page }) => {
  const jobId = await videoUntil("awaiting_approval", "Two trains pass at night. Their lights blink.");
  await page.goto(`${app.baseUrl}/admin`);
  const owner = page.getByRole("row").filter({ hasText: "owner@storyreel.test" });
  await owner.getByLabel(/Daily limit in dollars for owner@storyreel\.test/).fill("0.01");
  await owner.getByRole("button", { name: /Save/ }).click();
  await expect(owner.getByRole("button", { name: /Save/ })).toBeDisabled();
  await page.screenshot({ path: "tests/artifacts/screenshots/21-admin-daily-limit.png", fullPage: true });

  await page.goto(`${app.baseUrl}/jobs/${jobId}`);
  const refusal = page.getByRole("alert").filter({ hasText: "your daily limit" });
  await expect(refusal).toContainText(
    /This needs \$0\.\d+, but your daily limit \(set by an admin\) of \$0\.010 (is used up for today|has \$0\.\d+ left today); it resets at midnight UTC/,
  );
  await expect(page.getByRole("button", { name: "Approve storyboard" })).toBeDisabled();
  await page.screenshot({ path: "tests/artifacts/screenshots/22-approval-over-budget.png", fullPage: true });

  await page.goto(`${app.baseUrl}/new`);
  await expect(page.getByRole("alert").filter({ hasText: "your daily limit" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create storyboard" })).toBeDisabled();

  // Lifted again: the approval goes through.
  await page.goto(`${app.baseUrl}/admin`);
  await owner.getByLabel(/Daily limit in dollars/).fill("");
  await owner.getByRole("button", { name: /Save/ }).click();
  await expect(owner.getByRole("button", { name: /Save/ })).toBeDisabled();
  await page.goto(`${app.baseUrl}/jobs/${jobId}`);
  await expect(page.getByText(/Approving holds about \$0\.\d+ for the clips/)).toBeVisible();
  await page.getByRole("button", { name: "Approve storyboard" }).click();
  await expect(page.getByText(/Rendering|Stitching|Done/).first()).toBeVisible();
});

test("the approval and refinement panel shows what GET /api/spend says, next to the plan's targets", async ({ page }) => {
  const { quality } = (await (await api("/api/spend")).json()) as { quality: RefinementReport };
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${app.baseUrl}/spend`);
  const panel = page.getByTestId("quality");
  await expect(panel.getByRole("heading", { name: "The whole studio" })).toBeVisible();
  for (const [scope, figures] of [
    ["studio", quality.studio!],
    ["self", quality.self],
  ] as const) {
    const { approval, refinements } = figures;
    await expect(panel.getByTestId(`quality-${scope}-approval`)).toHaveText(
      approval.rate === null ? "—" : `${Math.round(approval.rate * 100)}%`,
    );
    await expect(panel.getByTestId(`quality-${scope}-approval-verdict`)).toHaveText(approval.verdict.text);
    await expect(panel.getByTestId(`quality-${scope}-refinements`)).toHaveText(refinements.perVideo?.toFixed(1) ?? "—");
    await expect(panel.getByTestId(`quality-${scope}-refinements-verdict`)).toHaveText(refinements.verdict.text);
  }
  await expect(panel).toContainText("70% of storyboards approved, about 1.5 refinements per video");
  await expect(panel).not.toContainText("NaN");
  await panel.screenshot({ path: "tests/artifacts/screenshots/23-spend-approval-refinement-phone.png" });
});
