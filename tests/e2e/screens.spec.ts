import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
// Not a React hook, whatever its name: it puts the owner's cookies in the browser.
import { useOwnerSession as giveOwnerSession } from "../helpers/browser-session";
import { startAppWithJobInEveryState, type ScreensApp } from "../helpers/screen-jobs";

// Every page, signed in and out, and a job in each state a person can reach: checked with axe-core at a desktop
// and a phone width in both themes, for sideways scrolling at phone and tablet widths, and for the image bytes a
// gallery card is sent. One app and one set of jobs serve all of it.
test.use({ storageState: { cookies: [], origins: [] } });

let screens: ScreensApp;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  screens = await startAppWithJobInEveryState();
});
test.afterAll(async () => {
  await screens?.stop();
});

interface Screen {
  name: string;
  path: () => string;
  signedIn: boolean;
  /** Visible once the page has what it shows (headings are stable across polls). */
  ready: (page: Page) => ReturnType<Page["getByRole"]>;
}

const heading = (name: string | RegExp) => (page: Page) => page.getByRole("heading", { level: 1, name });
const job = (state: keyof ScreensApp["jobs"], ready: Screen["ready"]): Screen => ({
  name: `job ${state}`,
  path: () => `/jobs/${screens.jobs[state]}`,
  signedIn: true,
  ready,
});
const stage = (name: string) => (page: Page) => page.getByRole("heading", { level: 2, name });

const SCREENS: Screen[] = [
  { name: "sign-in", path: () => "/sign-in", signedIn: false, ready: heading(/sign in/i) },
  { name: "not found, signed out", path: () => "/sign-up", signedIn: false, ready: heading("Not found") },
  { name: "bad invite", path: () => "/invite/not-a-real-invite-token-000000", signedIn: false, ready: heading(/invite/i) },
  { name: "gallery", path: () => "/", signedIn: true, ready: heading("Gallery") },
  { name: "wizard", path: () => "/new", signedIn: true, ready: heading(/new video/i) },
  { name: "uploads", path: () => "/uploads", signedIn: true, ready: heading(/uploads/i) },
  { name: "spend", path: () => "/spend", signedIn: true, ready: heading(/spend/i) },
  { name: "account", path: () => "/account", signedIn: true, ready: heading(/account/i) },
  { name: "admin", path: () => "/admin", signedIn: true, ready: heading(/admin|people/i) },
  { name: "not found", path: () => "/jobs/does-not-exist", signedIn: true, ready: heading("Not found") },
  job("awaiting_approval", (page) => page.getByRole("button", { name: "Approve storyboard" })),
  job("rendering", stage("Rendering clips")),
  job("completed", (page) => page.getByRole("region", { name: "Final video" })),
  job("failed", (page) => page.getByRole("alert").filter({ hasText: "This video could not be made." })),
  job("canceled", stage("Canceled")),
];

async function open(page: Page, screen: Screen): Promise<void> {
  if (screen.signedIn) await giveOwnerSession(page, screens.app);
  else await page.context().clearCookies();
  await page.goto(`${screens.app.baseUrl}${screen.path()}`);
  await expect(screen.ready(page)).toBeVisible({ timeout: 10_000 });
  // Images decoded, so axe measures text over them as it is shown.
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
}

const VIEWS = [
  { width: 1280, height: 900, colorScheme: "dark" as const },
  { width: 390, height: 844, colorScheme: "dark" as const },
  // The light theme swaps the same palette end for end: one width is enough to hold it to the same rules.
  { width: 390, height: 844, colorScheme: "light" as const },
];

for (const view of VIEWS) {
  test(`axe finds nothing on any page at ${view.width} px, ${view.colorScheme} theme`, async ({ page }) => {
    await page.setViewportSize(view);
    await page.emulateMedia({ colorScheme: view.colorScheme });
    const found: string[] = [];
    for (const screen of SCREENS) {
      await open(page, screen);
      const { violations } = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
        .analyze();
      for (const v of violations) {
        found.push(`${screen.name}: ${v.id} (${v.nodes.length}) ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
      }
      if (view.width === 390) {
        const file = `390-${view.colorScheme === "light" ? "light-" : ""}${screen.name.replace(/[\s,]+/g, "-")}.png`;
        await page.screenshot({ path: `tests/artifacts/screenshots/${file}`, fullPage: true });
      }
    }
    expect(found).toEqual([]);
  });
}

test("no page is wider than the screen at 320, 390 and 768 px", async ({ page }) => {
  const wide: string[] = [];
  for (const width of [320, 390, 768]) {
    await page.setViewportSize({ width, height: 800 });
    for (const screen of SCREENS) {
      await open(page, screen);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      if (scrollWidth > innerWidth) wide.push(`${screen.name} at ${width}: ${scrollWidth} px`);
    }
  }
  expect(wide).toEqual([]);
});

test("a gallery card is sent a WebP or AVIF at about its shown width, smaller than the full JPEG", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await giveOwnerSession(page, screens.app);
  await page.goto(screens.app.baseUrl);
  const card = page.getByRole("list", { name: "Videos" }).getByRole("listitem").filter({ hasText: "lighthouse keeper" });
  const image = card.locator("img:not([aria-hidden])");
  await expect(image).toHaveJSProperty("complete", true);
  const shown = await image.evaluate((img: HTMLImageElement) => ({
    currentSrc: img.currentSrc,
    naturalWidth: img.naturalWidth,
    width: img.getBoundingClientRect().width,
    attributes: [img.getAttribute("width"), img.getAttribute("height")],
  }));
  expect(shown.currentSrc).toMatch(/[?&]fmt=(avif|webp)/);
  expect(shown.attributes.every((a) => Number(a) > 0)).toBe(true);
  expect(shown.naturalWidth).toBeGreaterThanOrEqual(shown.width * 0.9);
  expect(shown.naturalWidth).toBeLessThanOrEqual(shown.width * 1.5);

  const variant = await page.request.get(shown.currentSrc);
  expect(variant.headers()["content-type"]).toMatch(/^image\/(avif|webp)$/);
  const original = await page.request.get(shown.currentSrc.split("?")[0]!);
  expect(original.headers()["content-type"]).toBe("image/jpeg");
  const [small, full] = [(await variant.body()).length, (await original.body()).length];
  expect(small).toBeLessThan(full / 2);
  test.info().annotations.push({ type: "bytes", description: `${shown.currentSrc}: ${small} B against ${full} B` });
});

test("on a phone the links are behind a Menu button that marks the current page and gives focus back on Escape", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await giveOwnerSession(page, screens.app);
  await page.goto(`${screens.app.baseUrl}/spend`);
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("link", { name: "Spend" })).toHaveCount(0);
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("link", { name: "Spend" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Gallery" })).not.toHaveAttribute("aria-current", /.*/);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Gallery" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeFocused();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.press("Enter");
  await page.getByRole("link", { name: "Uploads" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Uploads" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});

test("the storyboard reorders from the keyboard, keeps focus on the moved scene and says where it went", async ({ page }) => {
  await giveOwnerSession(page, screens.app);
  await page.goto(`${screens.app.baseUrl}/jobs/${screens.jobs.awaiting_approval}`);
  const firstCaption = await page.getByLabel("Caption for scene 1").inputValue();
  await page.getByRole("button", { name: "Move scene 1 later" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Caption for scene 2")).toHaveValue(firstCaption);
  await expect(page.getByRole("status").filter({ hasText: "Scene 1 moved to position 2 of 2." })).toBeAttached();
  // Now last, it can only go back: focus is on the button that can.
  await expect(page.getByRole("button", { name: "Move scene 2 earlier" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Caption for scene 1")).toHaveValue(firstCaption);
  await expect(page.getByRole("button", { name: "Move scene 1 later" })).toBeFocused();
});
