import type { Locator, Page } from 'playwright-core';
import { looksEnglish } from '../../../src/answers';
import type { Flow } from '../../../src/flow/model';
import type { Text } from '../../../src/flow/schema';
import { frenchTypography } from '../../../src/flow/textChecks';

/** The little of the DOM used here (the project's TypeScript has no DOM library). */
interface Element {
  innerText: string;
  offsetParent: unknown;
  matches(selector: string): boolean;
  contains(other: Element): boolean;
  closest(selector: string): Element | null;
  checkVisibility?(options: Record<string, boolean>): boolean;
}

/**
 * What a person reads in one chat bubble of the real Web Chat: each visible text (a message's
 * text, a card's text block, input label, option and button), in order. Ordinary whitespace is
 * collapsed; no-break spaces are kept, they are part of what is checked.
 */
export async function visibleTexts(bubble: Locator): Promise<string[]> {
  return bubble.evaluate((card) => {
    const root = card as unknown as { querySelectorAll(selector: string): ArrayLike<Element> };
    const blocks = Array.from(root.querySelectorAll('.webchat__text-content, .ac-textBlock, .ac-richTextBlock, label, button, [role="button"]'));
    const shown = (el: Element) =>
      (el.checkVisibility ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : el.offsetParent !== null) && !el.closest('[aria-hidden="true"]');
    // A block inside another one (a text block in a label, the texts of a clickable row) is read with it.
    const own = (el: Element) => (el.matches('[role="button"]:not(button)') ? '' : el.innerText);
    return blocks
      .filter((el) => shown(el) && !blocks.some((other) => other !== el && other.contains(el) && own(other).trim()))
      .map((el) => own(el).replace(/[ \t\n\r\f\v]+/g, ' ').replace(/^ | $/g, ''))
      .filter(Boolean);
  });
}

/** What the bot said in the page so far: the visible texts of each of its bubbles, in order. */
export async function botBubbleTexts(page: Page): Promise<string[][]> {
  const bubbles = await page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content').all();
  const out: string[][] = [];
  for (const bubble of bubbles) out.push(await visibleTexts(bubble));
  return out;
}

/**
 * The texts of a bubble that repeat: the same text twice, or a phrase (three words or more) found
 * again inside another text. Case and spacing do not count. `named` texts (an option a sentence
 * proposes by its name) may be quoted inside another text, not shown twice.
 */
export function repeatedTexts(texts: readonly string[], named: readonly string[] = []): string[] {
  const key = (t: string) => t.toLowerCase();
  const repeated: string[] = [];
  texts.forEach((t, i) => {
    const twice = texts.findIndex((u, j) => j !== i && key(u) === key(t)) >= 0;
    const inside = !named.includes(t) && t.split(' ').length >= 3 && texts.some((u, j) => j !== i && key(u) !== key(t) && key(u).includes(key(t)));
    if ((twice || inside) && !repeated.includes(t)) repeated.push(t);
  });
  return repeated;
}

/**
 * What would be wrong in a text a French reader sees: a user-value marker or a template left
 * raw, raw Markdown, a missing no-break space (the rules of `flow:check`), or English (a text of
 * the journey's English side, or a sentence that reads as English).
 */
export function frenchReadingFaults(text: string, englishTexts: readonly string[]): string[] {
  const faults: string[] = [];
  if (/[\uFDD0\uFDD1]/.test(text)) faults.push('a user-value marker is shown');
  for (const leftover of text.match(/\{\{|\}\}|\$\{|\{\s*\w+\s*,\s*(?:plural|select)|\bundefined\b|\bNaN\b|\[object Object\]/g) ?? []) faults.push(`a template leftover: ${leftover}`);
  for (const markdown of text.match(/\*\*|__|\]\(|^#+ /g) ?? []) faults.push(`raw Markdown: ${markdown}`);
  frenchTypography(text, (_code, message) => faults.push(message));
  for (const english of englishTexts) if (text.includes(english)) faults.push(`English text: "${english}"`);
  if (looksEnglish(text)) faults.push('reads as English');
  return faults;
}

/**
 * The English side of the journey's texts, each cut before its first inserted value, where it
 * differs from the French and is long enough to be recognised (a name like "Fondation" is both).
 */
export function englishFragments(flow: Flow): string[] {
  const texts: Text[] = [...Object.values(flow.texts)];
  for (const step of flow.steps) {
    texts.push(step.ask, step.label, step.why);
    if ('choices' in step) texts.push(...step.choices.map((c) => c.label));
  }
  const fragments = texts
    .filter((t) => t.en && t.en !== t.fr)
    .map((t) => t.en.split(/\{\{|\{\s*\w+\s*,/)[0].trim())
    .filter((f) => f.length >= 12);
  return [...new Set(fragments)];
}
