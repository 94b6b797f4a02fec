import { expect, test } from "@playwright/test";
import { JobPage } from "../pages/job-page";
import { NewVideoPage } from "../pages/new-video-page";

const shots = "tests/artifacts/screenshots";

// The owner (signed in by the setup project) invites Bob; Bob joins with the link and works in his own studio;
// a server action replayed with the owner's job id does nothing; tokens are made and revoked on the Account page.
test("invite, join, isolation of pages and actions, sign-out and sign-in", async ({ page, browser, baseURL }) => {
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "All users" })).toBeVisible();
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
  await page.screenshot({ path: `${shots}/17-admin-users-invites.png`, fullPage: true });

  // The owner's job, waiting for approval.
  await new NewVideoPage(page).goto();
  await new NewVideoPage(page).create("A lamp flickers. The moth circles.", { scenes: 2 });
  const ownerJobUrl = page.url();
  const ownerJobId = ownerJobUrl.split("/jobs/")[1]!;
  await new JobPage(page).waitForStoryboard(2);

  const bobContext = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
  const bob = await bobContext.newPage();
  await bob.goto(link);
  await expect(bob.getByRole("heading", { name: "You are invited" })).toBeVisible();
  await bob.getByLabel("Name").fill("Bob");
  await bob.getByLabel("Email").fill("bob@storyreel.test");
  await bob.getByLabel("Password").fill("bob's long password");
  await bob.getByRole("button", { name: "Create my account" }).click();
  await expect(bob.getByText("No videos yet")).toBeVisible();
  await expect(bob.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await bob.goto(link);
  await expect(bob.getByRole("heading", { name: "This invite link does not work" })).toBeVisible();

  // Another person's job page is not found, and so is the admin page.
  const notFound = await bob.goto(ownerJobUrl);
  expect(notFound?.status()).toBe(404);
  expect((await bob.goto("/admin"))?.status()).toBe(404);

  // Bob's own job: his Approve click is a server action; replayed with the owner's job id, it refuses.
  await new NewVideoPage(bob).goto();
  await new NewVideoPage(bob).create("A kite rises. It dips.", { scenes: 2 });
  const bobJobId = bob.url().split("/jobs/")[1]!;
  await new JobPage(bob).waitForStoryboard(2);
  const actionRequest = bob.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await new JobPage(bob).approve();
  const captured = await actionRequest;
  const replay = await bob.request.post(captured.url(), {
    headers: { ...captured.headers(), "content-type": captured.headers()["content-type"] ?? "text/plain;charset=UTF-8" },
    data: captured.postData()!.replaceAll(bobJobId, ownerJobId),
  });
  expect(replay.status()).toBe(200);
  expect(await replay.text()).toContain("That job does not exist.");
  await page.reload();
  await expect(new JobPage(page).approveButton).toBeEnabled();

  // Sign out, then back in.
  await bob.goto("/account");
  await bob.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(bob).toHaveURL(/\/sign-in/);
  await bob.goto("/");
  await expect(bob).toHaveURL(/\/sign-in\?next=%2F$/);
  // The admin resets Bob's password on the Admin page and passes the new one on.
  await page.goto("/admin");
  await page.getByRole("button", { name: "Reset password of bob@storyreel.test" }).click();
  const newPassword = (await page.getByTestId("new-password").textContent())!;
  await bob.getByLabel("Email").fill("bob@storyreel.test");
  await bob.getByLabel("Password").fill("bob's long password");
  await bob.getByRole("button", { name: "Sign in" }).click();
  await expect(bob.getByRole("alert").filter({ hasText: "password" })).toContainText(/Invalid email or password/i);
  await bob.screenshot({ path: `${shots}/18-sign-in-refused.png`, fullPage: true });
  await bob.getByLabel("Password").fill(newPassword);
  await bob.getByRole("button", { name: "Sign in" }).click();
  await expect(bob.getByRole("heading", { name: "Gallery" })).toBeVisible();
  await bobContext.close();
});

test("a personal API token is shown once, works as Bearer, and stops working when revoked", async ({ page, request }) => {
  await page.goto("/account");
  await page.getByLabel("Token name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!;
  await expect(page.getByRole("button", { name: "Revoke e2e script" })).toBeVisible();
  await page.screenshot({ path: `${shots}/19-account-tokens.png`, fullPage: true });
  const asScript = (t: string) => request.get("/api/jobs", { headers: { Authorization: `Bearer ${t}` } });
  expect((await asScript(token)).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: "e2e script" })).toContainText("last used");
  await page.getByRole("button", { name: "Revoke e2e script" }).click();
  await expect(page.getByRole("button", { name: "Revoke e2e script" })).toHaveCount(0);
  expect((await asScript(token)).status()).toBe(401);
});

test("a webhook is added with its secret shown once, refused with a sentence when its address is wrong, and deleted", async ({
  page,
}) => {
  await page.goto("/account");
  const webhooks = page.getByRole("region", { name: "Webhooks" });
  await page.getByLabel("Address (URL)").fill("ftp://files.example/hook");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(webhooks.getByRole("alert")).toHaveText("url must be the http:// or https:// address to send events to.");

  await page.getByLabel("Address (URL)").fill("http://127.0.0.1:9/storyreel-events");
  await page.getByLabel("Export finished").uncheck();
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByTestId("new-webhook-secret")).toHaveText(/^whsec_/);
  const row = page.getByRole("listitem").filter({ hasText: "http://127.0.0.1:9/storyreel-events" });
  await expect(row).toContainText("video.storyboard_ready, video.completed, video.failed");
  await expect(row).toContainText("nothing sent yet");
  await expect(webhooks.getByRole("alert")).toHaveCount(0);
  await page.screenshot({ path: `${shots}/20-account-webhooks.png`, fullPage: true });
  await page.reload();
  await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);
  await page.getByRole("button", { name: "Delete http://127.0.0.1:9/storyreel-events" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText("No webhooks yet.")).toBeVisible();
});
