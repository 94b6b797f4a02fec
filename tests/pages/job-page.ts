import { expect, type Page } from "@playwright/test";

export class JobPage {
  constructor(private readonly page: Page) {}

  get approveButton() {
    return this.page.getByRole("button", { name: "Approve storyboard" });
  }

  scene(n: number) {
    return this.page.getByRole("listitem", { name: `Scene ${n}`, exact: true });
  }

  /** Storyboard drawn and waiting: every still visible and approval possible. */
  async waitForStoryboard(sceneCount: number) {
    await expect(this.approveButton).toBeEnabled({ timeout: 60_000 });
    await expect(this.page.getByRole("img", { name: /Storyboard still for scene/ })).toHaveCount(sceneCount, { timeout: 60_000 });
  }

  async editCaption(n: number, caption: string) {
    await this.page.getByLabel(`Caption for scene ${n}`).fill(caption);
    await this.scene(n).getByRole("button", { name: "Save" }).click();
  }

  async regenerate(n: number) {
    const still = this.page.getByRole("img", { name: `Storyboard still for scene ${n}` });
    const before = await still.getAttribute("src");
    await this.page.getByRole("button", { name: `Regenerate scene ${n}` }).click();
    await expect(still).not.toHaveAttribute("src", before ?? "", { timeout: 60_000 });
    await expect(this.approveButton).toBeEnabled({ timeout: 60_000 });
  }

  async approve() {
    await this.approveButton.click();
  }

  /** Waits for the player and returns the duration the browser reports once it has loaded the video. */
  async waitForVideoDuration(): Promise<number> {
    const video = this.page.locator("video");
    await expect(video).toBeVisible({ timeout: 120_000 });
    return video.evaluate(
      (el: HTMLVideoElement) =>
        new Promise<number>((resolve, reject) => {
          if (el.readyState >= 1 && el.duration > 0) return resolve(el.duration);
          el.addEventListener("loadedmetadata", () => resolve(el.duration), { once: true });
          el.addEventListener("error", () => reject(new Error("the video failed to load")), { once: true });
          el.load();
        }),
    );
  }
}
