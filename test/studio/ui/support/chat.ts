import type { Frame, Page } from 'playwright-core';

/** The real Web Chat (the chat page, or the studio's try pane): what an association does and sees. */
export class WebChat {
  constructor(private readonly where: Page | Frame) {}

  /** Waits until the bot has said this (the last message that says it). */
  async sees(text: string | RegExp, timeout = 60_000): Promise<void> {
    await this.where.getByText(text).last().waitFor({ timeout });
  }

  async says(text: string): Promise<void> {
    const box = this.where.locator('[data-id="webchat-sendbox-input"]');
    await box.waitFor({ timeout: 60_000 });
    await box.fill(text);
    await box.press('Enter');
  }

  async clicks(button: string): Promise<void> {
    await this.where.getByRole('button', { name: button, exact: true }).last().click();
  }

  /** A button of the Adaptive Card that says `text` (the summary's "Confirmer"). */
  async confirmsCard(text: string, button: string): Promise<void> {
    await this.where.locator('.ac-adaptiveCard').filter({ hasText: text }).last().getByRole('button', { name: button, exact: true }).click();
  }

  /** How many times the bot said this so far. */
  async count(text: string | RegExp): Promise<number> {
    return this.where.getByText(text).count();
  }
}
