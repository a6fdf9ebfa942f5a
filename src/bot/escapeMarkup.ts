import { escapeUserValues, plainText } from '../engine/userText';
import type { MarkdownFlavour } from './channels';

/**
 * User values inside the bot's texts (marked by the engine, src/engine/userText.ts) made inert
 * for the channel's markup, so that a name typed as `[Votre session a expiré](https://…)`,
 * `<!channel>` or `<at>x</at>` is shown as typed and never becomes a link, a mention or HTML.
 * Our own texts keep their markup.
 */

/**
 * Slack reads `<…>` as mentions and links and `&` as entities, and has no other escape: our own
 * texts use neither, so the whole text is escaped, as Slack asks.
 */
export const slackEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * CommonMark backslash escapes for every character that can start markup in Web Chat (markdown-it
 * with HTML, autolinks and aria-label attributes), the Emulator and Teams: links, emphasis, code,
 * HTML and mentions, entities, headings, tables, attributes, and `:` so that no `scheme:` is
 * auto-linked; a leading list marker too, for a value alone on its line (a card's TextBlock).
 */
export function markdownEscape(value: string): string {
  return value
    .replace(/[\\`*_~[\]<>&|#:{}]/g, (c) => `\\${c}`)
    .replace(/^([-+])(?=[\s-]|$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** A text of ours for the channel: its user values escaped for the channel's markup, markers removed. */
export function channelText(text: string, flavour: MarkdownFlavour): string {
  switch (flavour) {
    case 'markdown':
      return escapeUserValues(text, markdownEscape);
    case 'mrkdwn':
      return slackEscape(plainText(text));
    case 'plain':
      return plainText(text);
  }
}

/**
 * An expanded Adaptive Card: TextBlocks (and facts) render a Markdown subset everywhere cards are
 * shown, so their user values are Markdown-escaped; every other string (input labels, button
 * titles, submit data) is plain text, and only loses the markers.
 */
export function escapeCard(node: unknown, markdown = false): unknown {
  if (typeof node === 'string') return markdown ? channelText(node, 'markdown') : plainText(node);
  if (Array.isArray(node)) return node.map((n) => escapeCard(n, markdown));
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const shown = (k: string) => (o.type === 'TextBlock' && k === 'text') || (o.type === 'FactSet' && k === 'facts');
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, escapeCard(v, markdown || shown(k))]));
}
