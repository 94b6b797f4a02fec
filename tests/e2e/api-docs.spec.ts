import { expect, test } from "@playwright/test";

// The API page renders from the served document with nothing fetched from another origin and no CSP violation.
test("/docs/api lists the operations of the OpenAPI document", async ({ page }) => {
  const foreign: string[] = [];
  const violations: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith("http://127.0.0.1")) foreign.push(request.url());
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Storyreel API" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "jobs" })).toBeVisible();
  const operation = page.locator('[data-operation="postApiJobs"]');
  await expect(operation).toContainText("POST");
  await expect(operation).toContainText("/api/jobs");
  await operation.locator("summary").click();
  await expect(operation).toContainText("application/json");
  await expect(operation).toContainText("401");
  const document = (await (await page.request.get("/api/openapi.json")).json()) as { paths: Record<string, object> };
  const listed = await page.locator("[data-operation]").count();
  expect(listed).toBe(Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0));
  await page.screenshot({ path: "tests/artifacts/api-docs.png", fullPage: false });
  expect(foreign).toEqual([]);
  expect(violations).toEqual([]);
});
