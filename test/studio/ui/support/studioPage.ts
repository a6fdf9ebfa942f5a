import type { Frame, Locator, Page } from 'playwright-core';
import { screenshot, seriousViolations } from './browsers';

interface Draft {
  files: Record<string, string>;
  issues: { file: string; path: unknown[]; code: string }[];
  revision: number;
}

/** The staff member's side: the studio page as they use it, through its labels and roles. */
export class StudioPage {
  constructor(readonly page: Page) {}

  /** Moves to a screen with the navigation's link, then waits for its heading. */
  async open(screen: string, heading: string | RegExp): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Écrans du studio' }).getByRole('link', { name: screen, exact: true }).click();
    await this.page.locator('#screen-title').filter({ hasText: heading }).waitFor();
  }

  /** The status line (a live region) once it says this. */
  async status(text: string | RegExp): Promise<void> {
    await this.page.locator('p.status').filter({ hasText: text }).waitFor({ timeout: 30_000 });
  }

  /** The draft as the server has it now (the page's own session). */
  async draft(): Promise<Draft> {
    return this.json<{ draft: Draft }>('/studio/api/journey').then((answer) => answer.draft);
  }

  /** A GET of the studio's API with the page's session. */
  json<T>(path: string): Promise<T> {
    return this.page.evaluate((url) => fetch(url, { headers: { accept: 'application/json' } }).then((r) => r.json() as Promise<T>), path);
  }

  /** Waits until `check` holds (checked every 100 ms, up to 30 s). */
  async until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 300; i++) {
      if (await check()) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`never happened: ${what}`);
  }

  /** Polls the server's draft until `check` holds (saving happens after a pause in typing). */
  async draftWhere(check: (draft: Draft) => boolean, what: string): Promise<Draft> {
    let draft = await this.draft();
    await this.until(async () => check((draft = await this.draft())), what);
    return draft;
  }

  /** A node of the map opened with the keyboard: focused, then Enter. */
  async openNodeWithKeyboard(id: string, title: string): Promise<Locator> {
    const node = this.page.locator(`.react-flow__node[data-id="${id}"]`);
    await node.focus();
    await this.page.keyboard.press('Enter');
    const panel = this.page.locator('section.editor-panel');
    await panel.locator('#editor-title').filter({ hasText: title }).waitFor();
    return panel;
  }

  /** The French box of a text field of the open editor (a fieldset named by its legend). */
  frenchBox(panel: Locator, legend: string): Locator {
    return panel.locator('fieldset.bilingual').filter({ has: this.page.locator('legend', { hasText: legend }) }).first().getByLabel('Français', { exact: true });
  }

  /** The try pane's Web Chat frame, once it is there. */
  async tryFrame(): Promise<Frame> {
    const frame = await (await this.page.locator('iframe.try-frame').elementHandle({ timeout: 30_000 }))!.contentFrame();
    if (!frame) throw new Error('the try pane has no frame');
    return frame;
  }

  /** axe-core finds no serious or critical violation on this screen; a screenshot is kept. */
  async checkScreen(name: string): Promise<void> {
    await screenshot(this.page, `studio-${name}`);
    const violations = await seriousViolations(this.page);
    expect({ screen: name, violations }).toEqual({ screen: name, violations: [] });
  }
}
