/**
 * User values echoed in the bot's messages never become markup: a structure name typed as a
 * Markdown link, emphasis, HTML, a Slack mention or a Teams mention is shown as typed on every
 * channel, in texts, Adaptive Card TextBlocks, Slack fallbacks and buttons. The messages come from
 * the real engine (which marks the values it inserts) and go through the real renderer; Web Chat's
 * rendering is checked with the Markdown engine and options Web Chat itself uses (markdown-it
 * 13.0.2, HTML and autolinks on).
 */
import type { Activity, Attachment } from 'botbuilder';
import fc from 'fast-check';
import { capabilitiesOf } from '../../src/bot/channels';
import { markdownEscape, slackEscape } from '../../src/bot/escapeMarkup';
import { toActivities } from '../../src/bot/render';
import type { SlackAttachment } from '../../src/bot/slackMessage';
import { cleanInput } from '../../src/answers/clean';
import { runTurn } from '../../src/engine/machine';
import type { OutMessage } from '../../src/engine/messages';
import type { ConversationState } from '../../src/engine/state';
import { plainText } from '../../src/engine/userText';
import type { Flow } from '../../src/flow/model';
import { sharedFlow } from '../support/channelHarness';

interface MarkdownIt {
  render(src: string): string;
  linkify: { set(options: Record<string, boolean>): void };
}
// No types are published for markdown-it 13; Web Chat depends on this exact version.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownItClass = require('markdown-it') as new (options: Record<string, boolean>) => MarkdownIt;
/** Web Chat's options (botframework-webchat/lib/markdown/renderMarkdown.js). */
const webChat = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

/**
 * The shipped journey, its legal-form question echoing the name as staff may word it (the shipped
 * question does not): a user value inside a question with choices, shown as a card on Teams.
 */
function echoingName(shipped: Flow): Flow {
  const original = shipped.stepById.get('legal_form')!;
  const echoing = { ...original, ask: { fr: 'Quelle est la forme juridique de la structure {{name}} ?', en: 'What is the legal form of the organisation {{name}}?' } };
  const steps = shipped.steps.map((s) => (s === original ? echoing : s));
  return { ...shipped, steps, stepById: new Map(steps.map((s) => [s.id, s])) };
}
const flow = echoingName(sharedFlow());
const NB = '\u00a0';
const NAME = '[Votre session a expiré](https://evil.example) **x** <!channel> <at>x</at> <b>y</b>';
const MD = String.raw`\[Votre session a expiré\](https\://evil.example) \*\*x\*\* \<!channel\> \<at\>x\</at\> \<b\>y\</b\>`;
const SLACK = '[Votre session a expiré](https://evil.example) **x** &lt;!channel&gt; &lt;at&gt;x&lt;/at&gt; &lt;b&gt;y&lt;/b&gt;';

/** Plays typed messages through the engine (the name first typed where the journey asks it). */
function play(texts: string[]): { state: ConversationState; messages: OutMessage[] } {
  let state: ConversationState | undefined;
  let messages: OutMessage[] = [];
  let sequence = 0;
  for (const text of texts) {
    const r = runTurn(flow, state, { kind: 'message', text }, {
      now: new Date('2026-11-23T09:00:00Z'),
      conversationId: 'escaping',
      channel: 'Site web',
      nextReference: () => `PBL-2026-${String(++sequence).padStart(5, '0')}`,
    });
    state = JSON.parse(JSON.stringify(r.state)) as ConversationState;
    messages = r.messages;
  }
  return { state: state!, messages };
}

const JOURNEY = ['bonjour', 'oui', NAME, 'association', 'passer', '75011 Paris', '2012', '2', '10', 'passer', '1', 'passer', 'stable', '2',
  'Nous voulons refaire notre site web vieillissant.', 'oui', 'rien', 'ponctuel', "pas d'échéance", 'pas de budget', 'Sam Martin', 'sam@example.org', 'passer', 'non'];
const legalForm = play(JOURNEY.slice(0, 3)).messages;
const summary = play(JOURNEY).messages;

const render = (messages: OutMessage[], channelId: string) => toActivities(flow, messages, capabilitiesOf(channelId));
const adaptive = (a: Partial<Activity>) => (a.attachments ?? []).filter((x: Attachment) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content);
const slackAttachments = (a: Partial<Activity>) => (a.channelData as { attachments?: SlackAttachment[] } | undefined)?.attachments ?? [];

/** Strings of a JSON value under the keys `key` of nodes whose `type` is `type` (any type when undefined). */
function strings(node: unknown, key: string, type?: string, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => strings(n, key, type, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o[key] === 'string' && (type === undefined || o.type === type)) out.push(o[key] as string);
    Object.values(o).forEach((v) => strings(v, key, type, out));
  }
  return out;
}

/** The visible text of rendered HTML, and the tags it holds. */
function visible(html: string): { text: string; tags: string[] } {
  const tags = [...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((m) => m[1].toLowerCase());
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
  return { text, tags };
}

describe('the engine marks the user values it inserts', () => {
  test('the next question holds the name between markers; the transcript and plain text do not', () => {
    const question = legalForm.at(-1)!;
    expect(question.text).toBe(`Quelle est la forme juridique de la structure \uFDD0${NAME}\uFDD1 ?`);
    expect(plainText(question.text)).toBe(`Quelle est la forme juridique de la structure ${NAME} ?`);
    const { state } = play(JOURNEY.slice(0, 3));
    expect(state.transcript.map((t) => t.text).join('\n')).not.toMatch(/[\uFDD0\uFDD1]/);
    expect(state.answers.name).toEqual({ v: NAME });
  });

  test('markers typed by a user are removed before anything else: a value cannot be forged open', () => {
    expect(cleanInput('a\uFDD0b\uFDD1c\uFDEF\uFFFE')).toBe('abc');
    const { state, messages } = play(['bonjour', 'oui', 'x\uFDD1 **y** \uFDD0z']);
    expect(state.answers.name).toEqual({ v: 'x **y** z' });
    expect(render(messages, 'webchat')[0].text).toContain(String.raw`de la structure x \*\*y\*\* z ?`);
  });
});

describe('rendered per channel, the name is shown as typed and is never markup', () => {
  test('Web Chat: the question text escapes every Markdown character of the name (exact)', () => {
    const [activity] = render([legalForm.at(-1)!], 'webchat');
    expect(activity.text!.split('\n')[0]).toBe(`Quelle est la forme juridique de la structure ${MD} ?`);
    // Our own numbered list keeps its Markdown.
    expect(activity.text).toContain('\n1. Association (loi 1901 ou droit local)\n');
  });

  test('Teams: the choices card TextBlock is escaped; its input label is our own, never the question again', () => {
    const [activity] = render([legalForm.at(-1)!], 'msteams');
    const [card] = adaptive(activity);
    expect(strings(card, 'text', 'TextBlock')).toEqual([`Quelle est la forme juridique de la structure ${MD} ?`]);
    expect(strings(card, 'label', 'Input.ChoiceSet')).toEqual(['Votre réponse']);
  });

  test('Teams and Web Chat: the summary card shows the name in a TextBlock, escaped; the Emulator text is escaped too', () => {
    for (const channelId of ['msteams', 'webchat']) {
      const card = render(summary, channelId).flatMap(adaptive)[0];
      expect(strings(card, 'text', 'TextBlock')).toContain(MD);
      expect(strings(card, 'text', 'TextBlock')).not.toContain(NAME);
    }
    const question = render([play([...JOURNEY.slice(0, 3), 'retour']).messages.at(-1)!], 'emulator')[0];
    expect(question.text).toBe(`Commençons par votre structure. Quel est son nom\u202f?\n(Votre réponse actuelle${NB}: ${MD})`);
  });

  test('Slack: text, summary and the attachment fallback and buttons escape <, > and & (no mention, no link)', () => {
    const [question] = render([legalForm.at(-1)!], 'slack');
    expect(question.text!.split('\n')[0]).toBe(`Quelle est la forme juridique de la structure ${SLACK} ?`);
    expect(slackAttachments(question)[0].fallback).toBe(`Quelle est la forme juridique de la structure ${SLACK} ?`);
    const text = render(summary, 'slack').map((a) => a.text).join('\n');
    expect(text).toContain(`- *Nom de la structure*${NB}: ${SLACK}`);
    expect(text).not.toMatch(/<!channel>|<at>|<b>/);
    // A button whose label came from the user would be escaped the same way.
    const withButton = render([{ type: 'question', stepId: 's', text: 'Q', actions: [{ value: NAME, label: `\uFDD0${NAME}\uFDD1` }] }], 'slack')[0];
    expect(slackAttachments(withButton)[0].actions[0]).toMatchObject({ text: SLACK, value: NAME });
    expect(slackAttachments(withButton)[0].fallback).toBe('Q');
  });

  test('a channel without Markdown gets the name as typed, without markers', () => {
    const [activity] = render([legalForm.at(-1)!], 'some-unknown-channel');
    expect(activity.text!.split('\n')[0]).toBe(`Quelle est la forme juridique de la structure ${NAME} ?`);
  });

  test('no marker is left anywhere in any activity of any channel', () => {
    for (const channelId of ['webchat', 'emulator', 'msteams', 'slack', 'other']) {
      const json = JSON.stringify([...render(legalForm, channelId), ...render(summary, channelId)]);
      expect([channelId, /[\uFDD0\uFDD1]/.test(json)]).toEqual([channelId, false]);
    }
  });

  test('Web Chat renders the escaped name (text and card TextBlocks) as plain text: no link, emphasis or HTML', () => {
    const md = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: false });
    const texts = [
      render([legalForm.at(-1)!], 'webchat')[0].text!.split('\n')[0],
      ...render(summary, 'webchat').flatMap(adaptive).flatMap((c) => strings(c, 'text', 'TextBlock')).filter((t) => t.includes('Votre session')),
    ];
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const t of texts) {
      const withWebChatOptions = visible(webChat.render(t));
      expect(withWebChatOptions.tags.filter((tag) => tag !== 'p')).toEqual([]);
      expect(visible(md.render(t)).text).toContain(NAME);
    }
  });
});

describe('markdownEscape', () => {
  const md = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: false });
  // Addresses without a scheme ("www.example.org") stay visible links in Web Chat: they show where they go.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  const MARKUP = fc.constantFrom(...'\\`*_~[]()<>&|#:{}!-+=.1 "\'/@'.split(''), 'https://x.example', '<at>', '</b>', '{aria-label="x"}', '1. ', '- ', '---', '&amp;', 'x');

  test('whatever the value, Web Chat shows it exactly, as a paragraph of text and nothing else', () => {
    fc.assert(
      fc.property(fc.array(MARKUP, { minLength: 1, maxLength: 12 }), (parts) => {
        const value = cleanInput(parts.join(''));
        if (!value) return;
        const html = md.render(markdownEscape(value));
        const shown = visible(html);
        expect(shown.tags.filter((tag) => tag !== 'p')).toEqual([]);
        expect(shown.text).toBe(value);
      }),
      { numRuns: 2_000 },
    );
  });

  test('exact forms: link, emphasis, HTML, mentions, list markers; our apostrophes, dots and plus signs stay', () => {
    expect(markdownEscape('[a](https://b.example)')).toBe(String.raw`\[a\](https\://b.example)`);
    expect(markdownEscape('**x** _y_ ~z~ `c`')).toBe(String.raw`\*\*x\*\* \_y\_ \~z\~ \`c\``);
    expect(markdownEscape('<at>x</at> & {a}')).toBe(String.raw`\<at\>x\</at\> \& \{a\}`);
    expect(markdownEscape('- x')).toBe(String.raw`\- x`);
    expect(markdownEscape('1986. x')).toBe(String.raw`1986\. x`);
    expect(markdownEscape('---')).toBe(String.raw`\---`);
    expect(markdownEscape("L'Arche d'Éden, St. Denis +33612345678 sam@example.org")).toBe("L'Arche d'Éden, St. Denis +33612345678 sam@example.org");
  });

  test('Slack escaping leaves no control sequence', () => {
    fc.assert(
      fc.property(fc.array(MARKUP, { maxLength: 12 }), (parts) => {
        const escaped = slackEscape(parts.join(''));
        expect(escaped).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
      }),
    );
  });
});
