import type { Activity } from 'botbuilder';
import { capabilitiesOf } from '../../src/bot/channels';
import { readMessage, welcomes, withoutBotMention } from '../../src/bot/input';
import { slackButtons, slackClick } from '../../src/bot/slackMessage';

const bot = { id: '28:bot-app-id', name: 'Probono Bot' };
const mention = (text: string, id = bot.id) => ({ type: 'mention', mentioned: { id, name: 'x' }, text });

describe('reading what the user said or clicked', () => {
  test("the bot's @mention is removed, whatever its case, with or without an entity; other people keep their name", () => {
    const strip = (text: string, entities: object[] = []) => withoutBotMention(text, { recipient: bot, entities } as Partial<Activity>);
    expect(strip('<at>Probono Bot</at> oui', [mention('<at>Probono Bot</at>')])).toEqual({ text: 'oui', mentioned: true });
    expect(strip('<at>PROBONO BOT</at>  oui', [mention('<at>Probono Bot</at>')])).toEqual({ text: 'oui', mentioned: true });
    // No entity at all (or one naming another id): the tag naming the bot is still the bot.
    expect(strip('oui <at>probono bot</at>')).toEqual({ text: 'oui', mentioned: true });
    expect(strip('<at>Jean</at> est trésorier', [mention('<at>Jean</at>', '29:jean')])).toEqual({ text: 'Jean est trésorier', mentioned: false });
    expect(strip('Pas de mention\n  ici')).toEqual({ text: 'Pas de mention\n  ici', mentioned: false });
  });

  test('a bare mention is a greeting; card submits and typed text pass through', () => {
    const teams = capabilitiesOf('msteams');
    expect(readMessage({ recipient: bot, text: '<at>Probono Bot</at>', entities: [mention('<at>Probono Bot</at>')] }, teams)).toEqual({
      kind: 'message',
      value: { command: 'greeting' },
    });
    expect(readMessage({ recipient: bot, value: { answer: '2', step: 'nature' } }, teams)).toEqual({ kind: 'message', value: { answer: '2', step: 'nature' } });
    expect(readMessage({ recipient: bot, text: 'bonjour' }, teams)).toEqual({ kind: 'message', text: 'bonjour', value: undefined });
  });

  test('Slack clicks: Payload or payload, object or JSON string; only where the channel has Slack buttons', () => {
    const payload = { type: 'interactive_message', callback_id: 'legal_form', actions: [{ name: 'answer', type: 'button', value: '3' }] };
    const expected = { kind: 'message', value: { answer: '3', step: 'legal_form' } };
    expect(slackClick({ Payload: payload })).toEqual(expected);
    expect(slackClick({ payload: JSON.stringify(payload) })).toEqual(expected);
    expect(slackClick({ SlackMessage: { payload } })).toEqual(expected);
    expect(slackClick({ Payload: { ...payload, actions: [{ name: 'say', value: 'Passer' }] } })).toEqual({ kind: 'message', text: 'Passer' });
    expect(slackClick({ payload: '{not json' })).toBeUndefined();
    expect(slackClick({ SlackMessage: { event: { type: 'message', text: 'bonjour' } } })).toBeUndefined();
    // The same channelData on a channel without Slack buttons is not read as a click.
    expect(readMessage({ text: 'bonjour', channelData: { Payload: payload } }, capabilitiesOf('msteams'))).toEqual({ kind: 'message', text: 'bonjour', value: undefined });
    expect(readMessage({ text: '', channelData: { Payload: payload } }, capabilitiesOf('slack'))).toEqual(expected);
  });

  test('every Slack button we send reads back as what it stands for', () => {
    const data = slackButtons('nature', [{ label: 'Ponctuel', option: 0 }, { label: 'Durable', option: 1 }, { label: 'Passer', typed: 'Passer' }], 'Quelle nature ?')!;
    const clicks = data.attachments.flatMap((a) => a.actions.map((action) => slackClick({ Payload: { callback_id: a.callback_id, actions: [action] } })));
    expect(clicks).toEqual([
      { kind: 'message', value: { answer: '0', step: 'nature' } },
      { kind: 'message', value: { answer: '1', step: 'nature' } },
      { kind: 'message', text: 'Passer' },
    ]);
  });

  test('who is welcomed: people joining a personal chat, the bot joining a shared one', () => {
    const user = { id: '29:user' };
    const update = (conversationType: string | undefined, membersAdded: { id: string }[], isGroup?: boolean) =>
      welcomes({ recipient: bot, membersAdded, conversation: { id: 'c', conversationType, isGroup, name: '' } } as Partial<Activity>);
    expect(update(undefined, [user])).toBe(true); // Web Chat, Emulator
    expect(update('personal', [bot])).toBe(true);
    expect(update('personal', [user])).toBe(true);
    expect(update('channel', [{ id: bot.id.toUpperCase() }], true)).toBe(true);
    expect(update('channel', [user], true)).toBe(false);
    expect(update('groupChat', [user], true)).toBe(false);
    expect(update('groupChat', [user, bot], true)).toBe(true);
    expect(update('personal', [])).toBe(false);
  });
});
