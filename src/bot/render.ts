import * as ACData from 'adaptivecards-templating';
import { type Activity, ActivityTypes, type CardAction, CardFactory } from 'botbuilder';
import type { Flow } from '../flow/model';
import type { ChoiceButton, OutMessage } from '../engine/messages';
import type { ChannelCapabilities } from './channels';

/**
 * Turns the engine's channel-neutral messages into Bot Framework activities, as the channel's
 * capabilities allow: Adaptive Cards and quick replies where shown, numbered text everywhere else.
 * User values reach cards only as template data, never as template text.
 */
export function toActivities(flow: Flow, messages: readonly OutMessage[], caps: ChannelCapabilities): Partial<Activity>[] {
  return messages.map((m) => {
    switch (m.type) {
      case 'text':
        return { type: ActivityTypes.Message, text: m.text };
      case 'card':
        if (!caps.adaptiveCards) return withActions({ type: ActivityTypes.Message, text: m.text }, m.actions, caps);
        return withActions(
          { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(expand(flow.cards[m.template], m.data))] },
          m.actions,
          caps,
        );
      case 'question': {
        if (!m.choices) return withActions({ type: ActivityTypes.Message, text: m.text }, m.actions, caps);
        if (m.multiple && caps.adaptiveCards) {
          const data = {
            text: m.text,
            label: m.text.split('\n')[0],
            multiple: true,
            step: m.stepId,
            submitLabel: m.submitLabel ?? 'OK',
            selected: (m.selected ?? []).map((v) => String(m.choices!.findIndex((c) => c.value === v))).filter((i) => i !== '-1').join(','),
            choices: m.choices.map((c, i) => ({ title: c.label, value: String(i) })),
          };
          return withActions({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(expand(flow.cards.choices, data))] }, m.actions, caps);
        }
        // A numbered list always works, typed as "2" or as the label; buttons come on top where shown.
        const list = m.choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
        const buttons = caps.suggestedActions && !m.multiple ? [...m.choices, ...(m.actions ?? [])] : m.actions;
        return withActions({ type: ActivityTypes.Message, text: `${m.text}\n\n${list}` }, buttons, caps);
      }
    }
  });
}

function withActions(activity: Partial<Activity>, actions: readonly ChoiceButton[] | undefined, caps: ChannelCapabilities): Partial<Activity> {
  if (!actions?.length || !caps.suggestedActions) return activity;
  const cardActions: CardAction[] = actions.map((a) => ({ type: 'imBack', title: a.label, value: a.label }));
  return { ...activity, suggestedActions: { actions: cardActions, to: [] } };
}

function expand(template: unknown, data: Record<string, unknown>): object {
  return new ACData.Template(template).expand({ $root: data });
}
