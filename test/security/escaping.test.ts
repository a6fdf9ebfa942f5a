/**
 * Hostile strings through the real server (restify, CloudAdapter, bot, SQLite journal, background
 * Airtable sync to a fake Airtable on loopback), as the answer to every free-text question, on a
 * channel that shows cards (Web Chat) and on a text channel (Slack); then confirmed. Each turn is
 * answered 200 with a reply; messages over the 2,000-character bound get the "too long" answer and
 * leave nothing behind; the recorded need, the summary card and the Airtable requests carry each
 * string as data, exactly as kept (never evaluated as a template, a formula or markup).
 */
import type { Activity } from 'botbuilder';
import { markdownEscape, slackEscape } from '../../src/bot/escapeMarkup';
import { MAX_TEXT_LENGTH } from '../../src/answers';
import { say } from '../../src/engine/texts';
import type { NeedRecord } from '../../src/needs/record';
import { FakeAirtable } from '../airtable/fakeAirtable';
import { BASE, seedBase, TOKEN } from '../airtable/helpers';
import { BotServer, CaptureChannel, postActivity, readable, sharedFlow } from '../support/channelHarness';
import { readFormula } from './airtableFormula';
import { codePoints, HOSTILE, type Hostile, repeatTo } from './hostileStrings';

const flow = sharedFlow();
const TOO_LONG = say(flow, 'too_long', 'fr');
const TURN_ERROR = say(flow, 'turn_error', 'fr');
const SAVE_FAILED = say(flow, 'save_failed', 'fr');
const TRIED_LABEL = flow.stepById.get('tried')!.label.fr;
const WEBSITE = 'https://www.example.org/?q=<b>"x"</b>';
// The URL parser stores the normalised URL (WHATWG percent-encoding of <, >, ").
const WEBSITE_STORED = 'https://www.example.org/?q=%3Cb%3E%22x%22%3C/b%3E';
const CONTROL_OR_INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

interface Played {
  hostile: Hostile;
  channelId: 'webchat' | 'slack';
  postcode: string;
  reference: string;
}

let fake: FakeAirtable;
let channel: CaptureChannel;
let bot: BotServer;
const played: Played[] = [];

beforeAll(async () => {
  fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
  seedBase(fake);
  const url = await fake.start();
  channel = new CaptureChannel();
  await channel.start();
  bot = new BotServer({
    clock: () => new Date('2026-11-23T09:00:00Z'),
    // Generous flood control: this test sends hundreds of messages in a few seconds.
    env: { AIRTABLE_TOKEN: TOKEN, AIRTABLE_BASE_ID: BASE, AIRTABLE_ENDPOINT_URL: url, RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '100000' },
  });
  await bot.start();
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await channel?.stop();
  await fake?.close();
});

/** One conversation as a channel: every message must be answered 200, with at least one reply. */
function conversation(channelId: string, conversationId: string) {
  let n = 0;
  return async (text: string | undefined, value?: unknown): Promise<{ activities: Partial<Activity>[]; read: string }> => {
    const activity: Partial<Activity> = {
      type: 'message',
      id: `${conversationId}-${++n}`,
      text,
      value,
      channelId,
      serviceUrl: channel.url,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: `user-${conversationId}`, name: 'User' },
      recipient: { id: 'bot', name: 'Bot' },
      locale: 'fr-FR',
    };
    const status = await postActivity(bot.url, activity);
    const activities = channel.take();
    const label = `${channelId} turn ${n} (${JSON.stringify((text ?? JSON.stringify(value)).slice(0, 60))}…)`;
    if (status !== 200) throw new Error(`${label}: POST /api/messages answered ${status}`);
    if (!activities.length) throw new Error(`${label}: no reply`);
    // What the bot says when a turn threw (the adapter's handler, or the bot's own catch): input must never get there.
    if (activities.some((a) => a.text === TURN_ERROR || a.text === SAVE_FAILED)) throw new Error(`${label}: the turn failed`);
    return { activities, read: activities.map(readable).join('\n') };
  };
}

/** Every TextBlock text of a card (its visible text). */
function textBlocks(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => textBlocks(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    for (const v of Object.values(o)) textBlocks(v, out);
  }
  return out;
}

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

const CASES: [string, Hostile, 'webchat' | 'slack', number][] = [
  ...HOSTILE.map((h, i): [string, Hostile, 'webchat', number] => [`webchat: ${h.label}`, h, 'webchat', i]),
  ...HOSTILE.map((h, i): [string, Hostile, 'slack', number] => [`slack: ${h.label}`, h, 'slack', i]),
];

describe('hostile strings as every free-text answer, through the real server', () => {
  test.each(CASES)('%s', async (_name, h, channelId, index) => {
    const conversationId = `hostile-${channelId}-${index}`;
    const postcode = `${channelId === 'webchat' ? '750' : '130'}${String(index + 1).padStart(2, '0')}`;
    const send = conversation(channelId, conversationId);
    const expectReply = async (text: string, expected: string | RegExp) => {
      const r = await send(text);
      if (typeof expected === 'string') expect(r.read).toContain(expected);
      else expect(r.read).toMatch(expected);
      return r;
    };
    /** Over the bound: the polite "too long", the question stays. */
    const tooLong = async () => {
      // 10 kB, and one character over the bound (ending with a letter: trailing spaces are not counted).
      for (const probe of [repeatTo(h.typed, 10_240), `${codePoints(h.typed, MAX_TEXT_LENGTH)}x`]) {
        const r = await send(probe);
        expect(r.activities.map((a) => a.text)).toEqual([TOO_LONG]);
      }
    };

    await expectReply('bonjour', 'Acceptez-vous');
    await expectReply('oui', 'Quel est son nom');
    await tooLong();
    // The name is shown back as the current answer of "retour": as typed, not expanded, escaped for the channel's markup.
    const shown = channelId === 'slack' ? slackEscape(h.stored) : markdownEscape(h.stored);
    await expectReply(h.typed, 'forme juridique de votre structure');
    await expectReply('retour', `(Votre réponse actuelle\u00a0: ${shown})`);
    await expectReply(h.typed, 'forme juridique');
    await expectReply('association', 'RNA');
    await expectReply('passer', 'code postal');
    // After the postcode, the town: free text too.
    await expectReply(`${postcode} ${h.typed}`, 'année');
    await expectReply('2015', 'salariés');
    await expectReply('3', 'bénévoles');
    await expectReply('10', 'budget');
    await expectReply('passer', 'causes');
    await expectReply('1', 'site web');
    if (h.url) {
      // It holds a web address: that address is the answer (checked in the record below).
      await expectReply(h.typed, 'situation financière');
    } else {
      // Not a website: asked again (never stored, never "too long").
      const notUrl = await send(h.typed);
      expect(notUrl.read).not.toContain('situation financière');
      expect(notUrl.read).not.toContain(TOO_LONG);
      await expectReply(WEBSITE, 'situation financière');
    }
    await expectReply('stable', 'Combien de personnes');
    await expectReply('2', 'Décrivez');
    await tooLong();
    await expectReply(h.typed, 'domaines');
    await expectReply('1', 'déjà essayé');
    await tooLong();
    await expectReply(h.typed, 'ponctuel');
    await expectReply('ponctuel', 'échéance');
    await expectReply("pas d'échéance", 'votre nom');
    await tooLong();
    await expectReply(h.typed, 'e-mail');
    const notEmail = await send(h.typed);
    expect(notEmail.read).not.toContain('téléphone');
    await expectReply('sam@example.org', 'téléphone');
    await expectReply('passer', 'Dernière question');
    const summary = await expectReply('non', /récapitulatif/i);

    if (channelId === 'webchat') {
      const cards = summary.activities.flatMap((a) => a.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
      expect(cards).toHaveLength(1);
      // Name, description, tried and contact: each a TextBlock showing exactly the kept string (as Markdown text).
      expect(textBlocks(cards[0].content).filter((t) => t === shown)).toHaveLength(4);
      // As data in the card's JSON, correctly escaped.
      expect(occurrences(JSON.stringify(cards[0].content), JSON.stringify(shown).slice(1, -1))).toBeGreaterThanOrEqual(4);
    } else {
      // Slack: no card (they become images there); the summary is text holding the strings, with
      // Slack's three control characters escaped (so `<!channel>` notifies nobody).
      expect(summary.activities.flatMap((a) => a.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')).toHaveLength(0);
      expect(occurrences(summary.read, slackEscape(h.stored))).toBeGreaterThanOrEqual(4);
      if (/[<>]/.test(h.stored)) expect(summary.read).not.toContain(h.stored);
    }

    const done = await expectReply('confirmer', /PBL-2026-\d{5}/);
    const reference = /PBL-2026-\d{5}/.exec(done.read)![0];

    // The journal holds each string as kept, in every field it was typed for.
    const entries = await bot.app.journal.byConversation(conversationId);
    expect(entries.map((e) => e.reference)).toEqual([reference]);
    const record = entries[0].record as NeedRecord;
    expect(record.Structures.Nom).toBe(h.stored);
    expect(record.Structures.Contact).toBe(h.stored);
    expect(record.Structures['Site web']).toBe(h.url ?? WEBSITE_STORED);
    expect(record.Structures['Code postal']).toBe(postcode);
    expect(record.Structures.Ville).toBe(h.noTown ? undefined : h.stored);
    expect(record.Besoins.Description).toBe(`${h.stored}\n\n${TRIED_LABEL} : ${h.stored}`);
    expect(record.Besoins.Canal).toBe(channelId === 'webchat' ? 'Site web' : 'Slack');
    // The transcript keeps the answers, cleaned like every stored text, and nothing of the refused messages.
    const transcript = record.Besoins.Transcript ?? '';
    expect(occurrences(transcript, h.stored)).toBeGreaterThanOrEqual(4);
    expect(transcript).not.toMatch(CONTROL_OR_INVISIBLE);
    const json = JSON.stringify(record);
    expect(json).not.toContain(JSON.stringify(h.stored + h.stored).slice(1, -1));
    expect(json).not.toContain(JSON.stringify(h.typed + h.typed).slice(1, -1));

    played.push({ hostile: h, channelId, postcode, reference });
  }, 60_000);

  test('a message of exactly 2,000 characters is an answer; emoji count as one character each', async () => {
    const send = conversation('webchat', 'hostile-boundary');
    for (const text of ['bonjour', 'oui']) await send(text);
    // 1,500 emoji are 3,000 UTF-16 units but 1,500 characters: under the bound.
    const emoji = codePoints('😀', 1_500);
    const exact = codePoints('é', MAX_TEXT_LENGTH);
    expect((await send(emoji)).read).toContain('forme juridique');
    expect((await send('modifier le nom')).read).toContain('nom');
    expect((await send(exact)).read).toContain('forme juridique');
    expect((await send('modifier le nom')).read).toContain('nom');
    expect((await send(`${exact}é`)).activities.map((a) => a.text)).toEqual([TOO_LONG]);
  }, 60_000);

  test('card submits with hostile payloads are answered, and the journey goes on', async () => {
    const send = conversation('webchat', 'hostile-payloads');
    for (const text of ['bonjour', 'oui']) await send(text);
    const payloads: unknown[] = [
      JSON.parse('{"answer":[{"toString":"0"}]}'),
      JSON.parse('{"__proto__":{"answer":"0"},"constructor":{"prototype":{"x":1}}}'),
      { command: '__proto__', field: 'toString' },
      { command: 'edit', field: '${title} <script>alert(1)</script>' },
      { answer: '${$root.title}', step: '<img src=x onerror=alert(1)>' },
      { answer: ['0', 1, null, { a: 1 }, [2]], step: 'name' },
      'just a string',
      [1, 2, 3],
      { answer: repeatTo('😀', 10_240) },
    ];
    for (const value of payloads) {
      const r = await send(undefined, value);
      // An unknown answer name is quoted back as text.
      if (JSON.stringify(value).includes('"edit"')) expect(r.read).toContain(`«\u00a0${markdownEscape('${title} <script>alert(1)</script>')}\u00a0»`);
    }
    expect((await send('nom de la structure')).read).toContain('Quel est son nom');
    expect((await send('Les Jardins')).read).toContain('forme juridique de votre structure');
    expect((await send('retour')).read).toContain('(Votre réponse actuelle\u00a0: Les Jardins)');
  }, 60_000);

  test('Airtable receives every string exactly, as JSON values; every formula sent is well formed', async () => {
    // Runs after the conversations above (Jest keeps a file's order): it checks the needs they recorded.
    expect(played).toHaveLength(CASES.length);
    // The background sync is poked after each need: wait until all are delivered.
    const deadline = Date.now() + 60_000;
    const statuses = async () => Promise.all(played.map(async (p) => (await bot.app.journal.get(p.reference))?.syncStatus));
    while ((await statuses()).some((s) => s !== 'synced') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await statuses()).toEqual(played.map(() => 'synced'));

    const structures = fake.records('Structures');
    const needs = fake.records('Besoins');
    for (const p of played) {
      const key = `${p.hostile.key}|${p.postcode}`;
      const mine = structures.filter((s) => s.fields['Clé'] === key);
      expect([p.hostile.label, p.channelId, mine.length]).toEqual([p.hostile.label, p.channelId, 1]);
      expect(mine[0].fields).toMatchObject({ Nom: p.hostile.stored, Contact: p.hostile.stored, 'Site web': p.hostile.url ?? WEBSITE_STORED, 'Code postal': p.postcode });
      expect(mine[0].fields.Ville).toBe(p.hostile.noTown ? undefined : p.hostile.stored);
      const need = needs.find((n) => n.fields['Référence'] === p.reference);
      expect(need?.fields).toMatchObject({ Description: `${p.hostile.stored}\n\n${TRIED_LABEL} : ${p.hostile.stored}`, Structure: [mine[0].id] });
      expect(String(need?.fields.Transcript)).not.toMatch(CONTROL_OR_INVISIBLE);
    }

    // The merge key travels as a JSON value of performUpsert (never inside a formula).
    const upserts = fake.requests.filter((r) => r.method === 'PATCH' && /\/Structures$/.test(r.path) && r.body?.performUpsert);
    expect(upserts.length).toBeGreaterThan(0);
    const sentKeys = new Set<string>();
    for (const u of upserts) {
      expect(u.body.performUpsert.fieldsToMergeOn).toEqual(['Clé']);
      for (const r of u.body.records) sentKeys.add(r.fields['Clé']);
    }
    expect([...sentKeys].sort()).toEqual(played.map((p) => `${p.hostile.key}|${p.postcode}`).sort());

    // Any formula sent (the status watcher reads changes with one) parses, and its string literals
    // are dates of ours or exactly a kept value: no user text was pasted into one.
    const allowed = new Set(played.flatMap((p) => [p.hostile.stored, `${p.hostile.key}|${p.postcode}`, p.reference]));
    const formulas = fake.requests.flatMap((r) => [r.query?.filterByFormula, r.body?.filterByFormula]).filter((f): f is string => typeof f === 'string');
    expect(formulas.length).toBeGreaterThan(0);
    for (const formula of formulas) {
      for (const literal of readFormula(formula).literals) {
        expect([formula, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/.test(literal) || allowed.has(literal)]).toEqual([formula, true]);
      }
    }
  }, 120_000);
});
