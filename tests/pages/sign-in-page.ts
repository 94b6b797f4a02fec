import type { Page } from "@playwright/test";

/** The sign-in form, reached with whatever `next` a link carries (written into the address as given). */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(rawNext?: string) {
    await this.page.goto(rawNext === undefined ? "/sign-in" : `/sign-in?next=${rawNext}`);
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
}
