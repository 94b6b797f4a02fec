import type { Page } from "@playwright/test";

export class NewVideoPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/new");
  }

  async create(prompt: string, options: { scenes?: number; aspect?: string } = {}) {
    await this.page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
    if (options.scenes) await this.page.getByLabel("Scenes", { exact: true }).selectOption(String(options.scenes));
    if (options.aspect) await this.page.getByText(options.aspect, { exact: true }).click();
    await this.page.getByRole("button", { name: "Create storyboard" }).click();
    await this.page.waitForURL(/\/jobs\/[a-z0-9]+$/);
  }
}
