import type * as ACDataModule from 'adaptivecards-templating';
import { type Activity, ActivityTypes, type CardAction, CardFactory } from 'botbuilder';
import type { ChoiceButton, OutMessage } from '../engine/messages';
import type { Flow } from '../flow/model';
import { plainText } from '../engine/userText';
import { cardToText } from './cardText';
import { compileCardTemplate } from './cardTemplate';
import { type ChannelCapabilities, showsCardVersion } from './channels';
import { channelText, escapeCard } from './escapeMarkup';
import { type SlackButton, slackButtons } from './slackMessage';

/** A button to show: an option of the question (its position), or words sent as if typed. */
type Button = SlackButton;

/**
 * Turns the engine's channel-neutral messages into Bot Framework activities, from the channel's
 * row of capabilities only (channels.ts): Adaptive Cards up to the version the channel shows,
 * buttons as the channel shows them (and only as many), numbered text everywhere. User values
 * reach cards only as template data, never as template text, and are escaped for the channel's
 * markup wherever they land (escapeMarkup.ts).
 */
export function toActivities(flow: Flow, messages: readonly OutMessage[], caps: ChannelCapabilities): Partial<Activity>[] {
  return asParagraphs(render(flow, messages, caps).map((a) => forChannel(a, caps)));
}

/**
 * One message per turn where it reads the same: a text alone is joined, as a paragraph, to the
 * message that follows it (a text, a question with its buttons, or a card, which every channel
 * shows under its text). A card stays the end of its message: what follows it is a message of its
 * own. Each activity is a request to the channel: a turn's 2–3 replies were most of its delivery cost.
 */
function asParagraphs(activities: readonly Partial<Activity>[]): Partial<Activity>[] {
  const joined: Partial<Activity>[] = [];
  for (const activity of activities) {
    const previous = joined[joined.length - 1];
    if (previous && isTextAlone(previous)) {
      const text = activity.text ? `${previous.text}\n\n${activity.text}` : previous.text;
      joined[joined.length - 1] = { ...activity, text };
    } else joined.push(activity);
  }
  return joined;
}

const isTextAlone = (a: Partial<Activity>): boolean =>
  typeof a.text === 'string' && !a.attachments?.length && !a.suggestedActions && !a.channelData;

export { slackEscape } from './escapeMarkup';

/** The user values of an activity's text, cards and quick replies escaped for the channel (Slack buttons are built so). */
function forChannel(activity: Partial<Activity>, caps: ChannelCapabilities): Partial<Activity> {
  const actions = activity.suggestedActions?.actions;
  const plain = (v: unknown) => (typeof v === 'string' ? plainText(v) : v);
  return {
    ...activity,
    ...(typeof activity.text === 'string' ? { text: channelText(activity.text, caps.markdown) } : {}),
    ...(activity.attachments ? { attachments: activity.attachments.map((a) => ({ ...a, content: escapeCard(a.content) })) } : {}),
    ...(actions ? { suggestedActions: { ...activity.suggestedActions!, actions: actions.map((a) => ({ ...a, title: plainText(a.title), value: plain(a.value) })) } } : {}),
  };
}

function render(flow: Flow, messages: readonly OutMessage[], caps: ChannelCapabilities): Partial<Activity>[] {
  return messages.map((m) => {
    switch (m.type) {
      case 'text':
        return message(m.text);
      case 'card': {
        const template = flow.cards[m.template];
        const buttons = typed(m.actions);
        if (showsCard(template, caps)) return withButtons(card(template, m.data), buttons, caps, m.template, m.text);
        // Where cards are not shown, the same template as text in the channel's markdown.
        const colon = typeof m.data.colon === 'string' ? m.data.colon : undefined;
        const text = caps.markdown === 'plain' ? m.text : cardToText(expand(template, m.data), caps.markdown, colon);
        return withButtons(message(text), buttons, caps, m.template, m.text);
      }
      case 'question': {
        const actions = typed(m.actions);
        if (!m.choices) return withButtons(message(m.text), actions, caps, m.stepId, m.text);
        // A numbered list always works, typed as "2" or as the label.
        const list = `${m.text}\n\n${m.choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n')}`;
        const options: Button[] = m.multiple ? [] : m.choices.map((c, i) => ({ label: c.label, option: i }));
        const all = [...options, ...actions];
        const template = flow.cards.choices;
        // Options that do not fit as buttons (and checkboxes) go in a card where cards are shown.
        if ((m.multiple || !fits(all, caps)) && showsCard(template, caps)) {
          const data = {
            text: m.text,
            label: m.inputLabel ?? m.text.split('\n')[0],
            multiple: !!m.multiple,
            step: m.stepId,
            submitLabel: m.submitLabel ?? 'OK',
            selected: (m.selected ?? []).map((v) => String(m.choices!.findIndex((c) => c.value === v))).filter((i) => i !== '-1').join(','),
            choices: m.choices.map((c, i) => ({ title: c.label, value: String(i) })),
          };
          return withButtons(card(template, data), actions, caps, m.stepId, m.text);
        }
        return withButtons(message(list), fits(all, caps) ? all : actions, caps, m.stepId, m.text);
      }
    }
  });
}

const message = (text: string): Partial<Activity> => ({ type: ActivityTypes.Message, text });

const typed = (actions: readonly ChoiceButton[] | undefined): Button[] => (actions ?? []).map((a) => ({ label: a.label, typed: a.label }));

const fits = (buttons: readonly Button[], caps: ChannelCapabilities): boolean => caps.buttons !== 'none' && (caps.maxButtons === undefined || buttons.length <= caps.maxButtons);

function showsCard(template: unknown, caps: ChannelCapabilities): boolean {
  const version = (template as { version?: unknown } | undefined)?.version;
  return template !== undefined && showsCardVersion(caps, typeof version === 'string' ? version : undefined);
}

function card(template: unknown, data: Record<string, unknown>): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(expand(template, data))] };
}

/** Adds the buttons the way the channel shows them; the last line of `plain` (the question) is what Slack notifications show. */
function withButtons(activity: Partial<Activity>, buttons: readonly Button[], caps: ChannelCapabilities, stepId: string, plain: string): Partial<Activity> {
  if (!buttons.length) return activity;
  switch (caps.buttons) {
    case 'suggestedActions': {
      // A click sends the label, read like a typed answer.
      const actions: CardAction[] = buttons.slice(0, caps.maxButtons).map((b) => ({ type: 'imBack', title: b.label, value: b.label }));
      return { ...activity, suggestedActions: { actions, to: [] } };
    }
    case 'slackAttachments':
      return { ...activity, channelData: slackButtons(stepId, buttons.slice(0, caps.maxButtons), questionLine(plain)) };
    case 'none':
      return activity;
  }
}

/**
 * What a Slack notification shows: the question itself, i.e. the last line that asks (a welcome
 * ends with a line on how to switch language, after its question), else the last line.
 */
const questionLine = (text: string): string => {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return [...lines].reverse().find((l) => l.endsWith('?')) ?? lines.pop() ?? '';
};

/**
 * Expands every card template of the journey once, with no data, before the first user needs
 * them: each is prepared then, and a template that needs the templating library loads it and
 * compiles its expression parser (about 60 ms of CPU on this project's machine) here.
 */
export function warmUpCards(flow: Flow): void {
  for (const template of Object.values(flow.cards)) {
    try {
      expand(template, {});
    } catch {
      // One that does not expand without its data is prepared all the same; one that does not parse fails again when used.
    }
  }
}

/**
 * Each template is prepared once (the library's `Template` is made to be bound to data again and
 * again): parsing its expressions was about 5 % of a turn's CPU. Keyed by the template object, so
 * a published version's templates are prepared anew and an old version's are let go with it.
 * A template of plain paths (every template of cards/ today) is expanded by cardTemplate.ts; any
 * other by the templating library, loaded the first time a template needs it.
 */
const prepared = new WeakMap<object, (data: Record<string, unknown>) => unknown>();

let templating: typeof ACDataModule | undefined;

function expand(template: unknown, data: Record<string, unknown>): object {
  const key = template as object;
  let bind = prepared.get(key);
  if (!bind) {
    bind = compileCardTemplate(template);
    if (!bind) {
      templating ??= require('adaptivecards-templating') as typeof ACDataModule;
      const libraryTemplate = new templating.Template(template);
      bind = (values) => libraryTemplate.expand({ $root: values });
    }
    prepared.set(key, bind);
  }
  return bind(data) as object;
}
