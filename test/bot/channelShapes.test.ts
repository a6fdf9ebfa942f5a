import type { Activity, Attachment } from 'botbuilder';
import type { SlackAttachment } from '../../src/bot/slackMessage';
import { BotServer, CaptureChannel, postActivity, readable } from '../support/channelHarness';

/**
 * Real activity shapes of each channel (as Azure Bot Service, the Emulator and Direct Line send
 * them) posted to the real server; the replies are what the channel receives at its serviceUrl.
 */
const server = new BotServer({ clock: () => new Date('2026-11-23T10:00:00+01:00') });
const channel = new CaptureChannel();

beforeAll(async () => {
  await channel.start();
  await server.start();
}, 180_000);
afterAll(async () => {
  await server.stop();
  await channel.stop();
});

/** An activity as a channel posts it (channels send only the fields they have). */
type Shape = Record<string, unknown>;

async function post(activity: Shape): Promise<Partial<Activity>[]> {
  const status = await postActivity(server.url, { serviceUrl: channel.url, timestamp: new Date(), locale: 'fr-FR', ...activity } as Partial<Activity>);
  expect(status).toBe(200);
  return channel.take();
}

const said = (replies: Partial<Activity>[]) => replies.map(readable).join('\n');
const cards = (replies: Partial<Activity>[]) =>
  replies.flatMap((r) => r.attachments ?? []).filter((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive');
const quickReplies = (replies: Partial<Activity>[]) => replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title) ?? []);
const slackAttachments = (replies: Partial<Activity>[]) => replies.flatMap((r) => (r.channelData as { attachments?: SlackAttachment[] } | undefined)?.attachments ?? []);

let counter = 0;
const nextId = () => `act-${++counter}`;

describe('Microsoft Teams', () => {
  const bot = { id: '28:9b1f2c5e-4d7a-4c1e-9a3b-2f6d8e0c1a7b', name: 'Probono' };
  const user = { id: '29:1AbCdEf-user', name: 'Rose Dumas', aadObjectId: '6c1b6f3e-1111-4444-8888-000000000001' };
  const teamsData = { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } };
  const all: Partial<Activity>[] = [];

  /** What Teams allows: Adaptive Cards 1.5 at most, 3 suggested actions at most. */
  afterAll(() => {
    expect(all.length).toBeGreaterThan(0);
    for (const c of cards(all)) expect(Number((c.content as { version: string }).version)).toBeLessThanOrEqual(1.5);
    for (const r of all) expect(r.suggestedActions?.actions.length ?? 0).toBeLessThanOrEqual(3);
  });
  const teams = async (activity: Shape) => {
    const replies = await post({ channelId: 'msteams', id: nextId(), recipient: bot, ...activity, channelData: { ...teamsData, ...(activity.channelData as object) } });
    all.push(...replies);
    return replies;
  };

  test('personal scope: the bot installed gets one welcome, even when Teams announces it twice', async () => {
    const conversation = { id: 'a:1personal-scope-conversation', conversationType: 'personal', tenantId: teamsData.tenant.id, isGroup: false, name: '' };
    const welcome = await teams({ type: 'conversationUpdate', from: user, conversation, membersAdded: [bot] });
    expect(said(welcome)).toContain('Acceptez-vous que je conserve vos réponses\u202f?');
    expect(quickReplies(welcome)).toEqual(['Oui', 'Non']);
    // The same announcement again (Teams may repeat it): no second welcome.
    expect(await teams({ type: 'conversationUpdate', from: user, conversation, membersAdded: [bot] })).toEqual([]);
    const next = await teams({ type: 'message', from: user, conversation, text: 'oui' });
    expect(said(next)).toContain('Quel est son nom\u202f?');
  });

  test('a team channel: welcome when the bot is installed, not when people join; @mentions stripped; card submits are answers', async () => {
    const root = '19:d1c5a0a4f5e14e0b8c2b1c7a4f2d1e3b@thread.tacv2';
    const channelInfo = { team: { id: root }, channel: { id: root } };
    const conversation = { id: root, conversationType: 'channel', tenantId: teamsData.tenant.id, isGroup: true, name: '' };
    const installed = await teams({ type: 'conversationUpdate', from: user, conversation, membersAdded: [bot], channelData: { eventType: 'teamMemberAdded', ...channelInfo } });
    expect(said(installed)).toContain('Acceptez-vous que je conserve vos réponses\u202f?');

    const mention = (text: string, entityText = '<at>Probono</at>') => ({
      type: 'message',
      from: user,
      conversation,
      text,
      entities: [{ type: 'mention', mentioned: bot, text: entityText }, { type: 'clientInfo', locale: 'fr-FR' }],
      channelData: channelInfo,
    });
    expect(said(await teams(mention('<at>Probono</at> oui\n')))).toContain('Quel est son nom\u202f?');
    // The entity's text differs in case from the message's.
    const named = await teams(mention('<AT>probono</AT> Les Amis du Quartier', '<at>Probono</at>'));
    const [legalForm] = cards(named);
    expect(legalForm).toBeDefined();
    // Eight options do not fit in 3 buttons: a card of choices, and the name has no mention left in it.
    const body = (legalForm.content as { body: Record<string, unknown>[] }).body;
    expect(body[0].text).toBe('Quelle est la forme juridique de votre structure\u202f?');
    expect(body.find((b) => b.type === 'Input.ChoiceSet')?.choices).toHaveLength(8);
    expect(quickReplies(named)).toEqual([]);

    // Action.Submit: Teams posts the card's data merged with the inputs as `value`, with no text.
    const submitted = await teams({ type: 'message', from: user, conversation, value: { answer: '1', step: 'legal_form' }, channelData: channelInfo });
    expect(said(submitted)).toContain('numéro officiel');
    expect(quickReplies(submitted)).toEqual(['Passer']);
    const back = await teams(mention('<at>Probono</at> retour'));
    expect(said(back)).toContain('(Votre réponse actuelle\u00a0: Fondation)');

    // Someone joining the team later: nothing is posted to the channel (no welcome, no resume offer).
    const joined = await teams({
      type: 'conversationUpdate',
      from: user,
      conversation,
      membersAdded: [{ id: '29:2newcomer', name: 'Nouveau' }],
      channelData: { eventType: 'teamMemberAdded', ...channelInfo },
    });
    expect(joined).toEqual([]);

    // "@Probono" alone calls the bot as a greeting would: where were we?
    const called = await teams(mention('<at>Probono</at>'));
    expect(said(called)).toContain('Bon retour\u202f!');
    expect(quickReplies(called)).toEqual(['Reprendre', 'Recommencer']);
  });

  test('a mention of someone else keeps their name in the answer', async () => {
    const conversation = { id: '19:groupchat-1@thread.v2', conversationType: 'groupChat', tenantId: teamsData.tenant.id, isGroup: true, name: '' };
    await teams({ type: 'conversationUpdate', from: user, conversation, membersAdded: [bot] });
    await teams({ type: 'message', from: user, conversation, text: '<at>Probono</at> oui', entities: [{ type: 'mention', mentioned: bot, text: '<at>Probono</at>' }] });
    const replies = await teams({
      type: 'message',
      from: user,
      conversation,
      text: '<at>Probono</at> Chez <at>Jean</at>',
      entities: [
        { type: 'mention', mentioned: bot, text: '<at>Probono</at>' },
        { type: 'mention', mentioned: { id: '29:jean', name: 'Jean' }, text: '<at>Jean</at>' },
      ],
    });
    expect(said(replies)).toContain('Quelle est la forme juridique de votre structure\u202f?');
    // Shown back as the current answer: the bot's mention gone, Jean's name kept.
    const back = await teams({ type: 'message', from: user, conversation, text: '<at>Probono</at> retour', entities: [{ type: 'mention', mentioned: bot, text: '<at>Probono</at>' }] });
    expect(said(back)).toContain('(Votre réponse actuelle\u00a0: Chez Jean)');
  });
});

describe('Slack (Azure Bot Service channel)', () => {
  const bot = { id: 'B0BOT:T0TEAM', name: 'probono' };
  const user = { id: 'U0USER:T0TEAM', name: 'camille' };
  const conversation = { id: 'B0BOT:T0TEAM:D0DIRECT', isGroup: false, name: '' };
  const all: Partial<Activity>[] = [];
  afterAll(() => {
    expect(all.length).toBeGreaterThan(0);
    // Slack shows Adaptive Cards as images: none is sent; buttons go 5 to an attachment.
    expect(cards(all)).toEqual([]);
    for (const a of slackAttachments(all)) expect(a.actions.length).toBeLessThanOrEqual(5);
  });
  const slack = async (activity: Shape) => {
    const replies = await post({ channelId: 'slack', id: nextId(), type: 'message', from: user, recipient: bot, conversation, ...activity });
    all.push(...replies);
    return replies;
  };
  const typed = (text: string) =>
    slack({ text, channelData: { SlackMessage: { type: 'event_callback', event: { type: 'message', text, user: 'U0USER', channel: 'D0DIRECT', channel_type: 'im', ts: '1.1' } }, ApiToken: 'xoxb-test' } });
  const click = (payloadKey: 'payload' | 'Payload', payload: object, asString = false) =>
    slack({ channelData: { [payloadKey]: asString ? JSON.stringify(payload) : payload, ApiToken: 'xoxb-test' } });
  const buttonPayload = (name: string, value: string, callbackId: string) => ({
    type: 'interactive_message',
    actions: [{ name, type: 'button', value }],
    callback_id: callbackId,
    team: { id: 'T0TEAM', domain: 'assos' },
    channel: { id: 'D0DIRECT', name: 'directmessage' },
    user: { id: 'U0USER', name: 'camille' },
    action_ts: '2.2',
    message_ts: '1.1',
    attachment_id: '1',
    response_url: 'https://hooks.slack.com/actions/T0TEAM/1/abc',
  });

  test('numbered text plus Slack buttons; clicks, typed numbers, labels and free text are answers', async () => {
    const welcome = await typed('bonjour');
    expect(said(welcome)).toContain('Acceptez-vous que je conserve vos réponses\u202f?');
    expect(quickReplies(welcome)).toEqual([]);
    const consentButtons = slackAttachments(welcome);
    expect(consentButtons).toEqual([
      {
        text: '',
        fallback: 'Acceptez-vous que je conserve vos réponses\u202f?',
        callback_id: 'consent',
        attachment_type: 'default',
        actions: [
          { name: 'say', text: 'Oui', type: 'button', value: 'Oui' },
          { name: 'say', text: 'Non', type: 'button', value: 'Non' },
        ],
      },
    ]);

    // A click as Azure's Slack channel forwards it: the interactive_message payload in channelData.
    expect(said(await click('Payload', buttonPayload('say', 'Oui', 'consent'))).includes('Quel est son nom\u202f?')).toBe(true);
    // Free text.
    const legalForm = await typed('Vélo Rural');
    const text = legalForm.map((r) => r.text).join('\n');
    expect(text).toContain('Quelle est la forme juridique de votre structure\u202f?\n\n1. Association (loi 1901 ou droit local)\n2. Fondation');
    expect(text).toContain('\n8. Autre');
    const buttons = slackAttachments(legalForm);
    expect(buttons.map((a) => a.actions.length)).toEqual([5, 3]);
    expect(buttons[0].actions[1]).toEqual({ name: 'answer', text: 'Fondation', type: 'button', value: '1' });

    // The documented lowercase `payload`, as the JSON string Slack posts.
    const clicked = await click('payload', buttonPayload('answer', '1', 'legal_form'), true);
    expect(said(clicked)).toContain('numéro officiel');
    expect(said(await typed('retour'))).toContain('(Votre réponse actuelle\u00a0: Fondation)');
    // Typed as a number, then as a label.
    expect(said(await typed('2'))).toContain('numéro officiel');
    expect(said(await typed('retour'))).toContain('(Votre réponse actuelle\u00a0: Fondation)');
    expect(said(await typed('Association loi 1901'))).toContain('numéro officiel');
    expect(said(await typed('retour'))).toContain('(Votre réponse actuelle\u00a0: Association (loi 1901 ou droit local))');
    expect(said(await click('Payload', buttonPayload('answer', '6', 'legal_form')))).toContain('numéro officiel');

    // A late click on the old legal-form buttons does not answer the RNA question: it is asked again.
    const late = await click('Payload', buttonPayload('answer', '0', 'legal_form'));
    expect(said(late)).toContain('numéro officiel');
    const skip = slackAttachments(late).flatMap((a) => a.actions);
    expect(skip).toEqual([{ name: 'say', text: 'Passer', type: 'button', value: 'Passer' }]);
    expect(said(await click('Payload', buttonPayload('say', 'Passer', 'structure_id')))).toContain('code postal');
    expect(said(await typed('retour'))).toContain('numéro officiel');
    expect(said(await typed('retour'))).toContain("(Votre réponse actuelle\u00a0: Structure d'insertion (SIAE))");
  });
});

describe('Web Chat (Direct Line) and the Emulator', () => {
  test('Web Chat: the user joining is welcomed once, with quick replies for every option', async () => {
    const conversation = { id: 'DL-conversation-1', name: '' };
    const user = { id: 'dl_user-1', name: '' };
    const bot = { id: 'probono-bot', name: 'Probono' };
    const base = { channelId: 'webchat', recipient: bot, conversation };
    const welcome = await post({ ...base, id: nextId(), type: 'conversationUpdate', from: user, membersAdded: [user] });
    expect(said(welcome)).toContain('Acceptez-vous que je conserve vos réponses\u202f?');
    expect(await post({ ...base, id: nextId(), type: 'conversationUpdate', from: user, membersAdded: [bot] })).toEqual([]);
    await post({ ...base, id: nextId(), type: 'message', from: user, text: 'oui', channelData: { clientActivityID: 'c1' } });
    const legalForm = await post({ ...base, id: nextId(), type: 'message', from: user, text: 'Vélo Rural', channelData: { clientActivityID: 'c2' } });
    expect(cards(legalForm)).toEqual([]);
    expect(quickReplies(legalForm)).toHaveLength(8);
  });

  test('Emulator: user and bot announced together give one welcome; cards are 1.5', async () => {
    const conversation = { id: 'emulator-conversation-1|livechat', name: '' };
    const user = { id: 'e4b3a1c2-user', name: 'User' };
    const bot = { id: 'b2c3d4e5-bot', name: 'Bot' };
    const base = { channelId: 'emulator', recipient: bot, conversation, from: user };
    const welcome = await post({ ...base, id: nextId(), type: 'conversationUpdate', membersAdded: [user, bot] });
    expect(welcome.filter((r) => r.text?.includes('Acceptez-vous'))).toHaveLength(1);
    let replies: Partial<Activity>[] = [];
    for (const text of ['oui', 'Vélo Rural', '1', 'passer', '79000 Niort', '2014', '1', '25', '45 000 €']) {
      replies = await post({ ...base, id: nextId(), type: 'message', text });
    }
    // The causes: a multiple choice, shown as a card of checkboxes.
    const [causes] = cards(replies);
    expect(causes).toBeDefined();
    expect((causes.content as { version: string }).version).toBe('1.5');
    expect(readable(replies[replies.length - 1])).toContain('Pour quelles causes');
  });
});
