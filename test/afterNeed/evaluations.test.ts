import type { TurnInput } from '../../src/engine/machine';
import type { OutMessage } from '../../src/engine/messages';
import { type EvaluationState, evaluationTurn } from '../../src/evaluations/conversation';
import { EVALUATION_INVITATION } from '../../src/evaluations/invitationTask';
import { EVALUATION_RECORD } from '../../src/evaluations/recordTask';
import { MARKS } from '../../src/missions/ledger';
import { fixedJourney } from '../../src/journey/liveJourney';
import { projectFlow } from '../airtable/helpers';
import { type FollowWorld, type Instance, makeFollowWorld, PUBLIC_URL } from './followUpsWorld';

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 10, 8, 0); // 2026-06-10, before the mission ends
const END = '2026-06-15';
// 10:00 in Paris (dialogs/evaluation/flow.yaml `send_at`, dialogs/calendar.yaml's time zone), summer time.
const HOT_DUE = Date.UTC(2026, 5, 15, 8, 0);
const HOT_REMINDER_DUE = Date.UTC(2026, 5, 22, 8, 0);
const MEDIUM_DUE = Date.UTC(2026, 9, 15, 8, 0); // four months later
const MEDIUM_REMINDER_DUE = Date.UTC(2026, 9, 22, 8, 0);

const flat = (messages: OutMessage[] | undefined): string => (messages ?? []).map((m) => m.text).join('\n');

describe('evaluations: at the end of the mission and four months later', () => {
  let w: FollowWorld;
  beforeEach(async () => {
    w = await makeFollowWorld(T0);
  });
  afterEach(() => w.close());

  /** Staff fill « Fin de mission », the watcher sees it. */
  async function missionEnds(instance: Instance, needId: string, end = END) {
    await instance.watcher.poll();
    w.clock.advance(3 * MINUTE);
    w.fake.edit('Besoins', needId, { 'Fin de mission': end });
    w.clock.advance(MINUTE);
    await instance.watcher.poll();
  }

  /** A website chat, as the page opened by a link gives it: the evaluation's turns on the real engine and journey. */
  function webChat(instance: Instance, conversationId: string) {
    let state: EvaluationState | undefined;
    const deps = { service: instance.follow.service, journeys: fixedJourney(projectFlow()), log: w.logger };
    const turn = async (input: TurnInput, link?: string) => {
      const ctx = {
        get: async () => state,
        set: async (s: EvaluationState | undefined) => {
          state = s;
        },
        conversationId,
        channel: 'Site web' as const,
        now: new Date(w.clock.now()),
        lang: 'fr' as const,
      };
      return evaluationTurn(deps, ctx, input, link);
    };
    return {
      open: async (link: string) => flat((await turn({ kind: 'message' }, link))?.messages),
      say: async (text: string) => {
        const out = await turn({ kind: 'message', text });
        return out ? flat(out.messages) : undefined;
      },
      state: () => state,
    };
  }

  const tokenOf = (link: unknown): string => {
    const url = new URL(String(link));
    expect(`${url.origin}/`).toBe(`${PUBLIC_URL}/`);
    return url.searchParams.get('evaluation')!;
  };

  test('by mail: both invitations at their dates, one reminder, answers in Évaluations, the link single-use and expiring, a new link on request', async () => {
    const { needId } = await w.seedNeed('PBL-2026-00050', { Conversation: 'conv-web' });
    const a = w.instance();
    await missionEnds(a, needId);
    const scheduled = await a.outbox.list({ kind: EVALUATION_INVITATION });
    expect(scheduled.map((t) => [t.id, t.nextAttemptAt, t.subject]).sort()).toEqual([
      [`PBL-2026-00050:hot:${END}`, HOT_DUE, 'conv-web'],
      [`PBL-2026-00050:medium:${END}`, MEDIUM_DUE, 'conv-web'],
    ]);
    await a.drain();
    expect(w.mail.mails).toEqual([]);

    // The server restarts; the day comes.
    const b = w.instance();
    w.setTo(HOT_DUE - MINUTE);
    await b.drain();
    expect(w.mail.mails).toEqual([]);
    w.setTo(HOT_DUE);
    await b.drain();
    expect(w.mail.mails).toHaveLength(1);
    const hot = w.mail.mails[0];
    expect(hot).toMatchObject({ to: 'camille@example.org', lang: 'fr', template: 'evaluation-invite', subject: 'conv-web' });
    expect(hot.vars).toMatchObject({ reference: 'PBL-2026-00050', valid_days: 30 });
    expect(String(hot.vars.mission_end)).toMatch(/15 juin 2026/);
    const reminders = (await b.outbox.list({ kind: EVALUATION_INVITATION, status: 'pending' })).filter((t) => t.id.endsWith(':reminder'));
    expect(reminders.map((t) => t.nextAttemptAt)).toEqual([HOT_REMINDER_DUE]);

    // The link opens the evaluation once; a second chat with the same link is refused and offered a new one.
    const token = tokenOf(hot.vars.link);
    const chat = webChat(b, 'web-eval-1');
    expect(await chat.open(token)).toMatch(/PBL-2026-00050[\s\S]*trois minutes/);
    const other = webChat(b, 'web-eval-2');
    expect(await other.open(token)).toMatch(/déjà servi/);
    // Neither yes nor no: asked again once; then no.
    expect(await other.say('peut-être')).toMatch(/Répondez « oui » pour recevoir un nouveau lien/);
    expect(await other.say('non')).toMatch(/je ne vous envoie rien/);
    // Twice neither: the person came for something else, the qualification journey takes it.
    const elsewhere = webChat(b, 'web-eval-2b');
    expect(await elsewhere.open(token)).toMatch(/déjà servi/);
    expect(await elsewhere.say('hmm')).toMatch(/Répondez « oui »/);
    expect(await elsewhere.say('je voudrais de l’aide pour notre site')).toBeUndefined();
    expect(elsewhere.state()).toBeUndefined();

    for (const answer of ['oui', '4', 'En partie', 'Le nouveau site est en ligne.', 'Plus de dons en ligne.', 'oui', 'non']) {
      expect(await chat.say(answer)).toBeDefined();
    }
    expect(await chat.say('confirmer')).toMatch(/Merci pour vos réponses/);
    expect(chat.state()).toBeUndefined();
    expect((await b.outbox.list({ kind: EVALUATION_RECORD })).map((t) => [t.id, t.status, t.subject])).toEqual([['PBL-2026-00050:hot', 'pending', 'conv-web']]);
    await b.drain();
    const [evaluation] = w.fake.records('Évaluations');
    expect(evaluation.fields).toMatchObject({
      Référence: 'PBL-2026-00050 · À chaud',
      'Référence besoin': 'PBL-2026-00050',
      Besoin: [needId],
      Type: 'À chaud',
      Satisfaction: 4,
      'Objectifs atteints': 'En partie',
      'Recommandations mises en place': 'Le nouveau site est en ligne.',
      'Ce qui a changé': 'Plus de dons en ligne.',
      Recommanderait: true,
      'Répondu le': expect.any(String),
    });
    expect(evaluation.fields['Partage bénévoles']).not.toBe(true);
    expect(await webChat(b, 'web-eval-3').open(token)).toMatch(/déjà répondu/);

    // Answered: its reminder says nothing.
    w.setTo(HOT_REMINDER_DUE);
    await b.drain();
    expect(w.mail.mails).toHaveLength(1);

    // Four months later: the medium-term invitation, then its one reminder, by mail.
    w.setTo(MEDIUM_DUE);
    await b.drain();
    expect(w.mail.mails.map((m) => m.template)).toEqual(['evaluation-invite', 'evaluation-invite']);
    const medium = w.mail.mails[1];
    w.setTo(MEDIUM_REMINDER_DUE);
    await b.drain();
    expect(w.mail.mails.map((m) => m.template)).toEqual(['evaluation-invite', 'evaluation-invite', 'evaluation-reminder']);
    w.setTo(MEDIUM_REMINDER_DUE + 60 * DAY);
    await b.drain();
    expect(w.mail.mails).toHaveLength(3);
    expect(await b.outbox.list({ kind: EVALUATION_INVITATION, status: 'pending' })).toEqual([]);

    // The medium-term link, opened after it expired: said so, and a new one on request.
    const late = webChat(b, 'web-eval-4');
    expect(await late.open(tokenOf(medium.vars.link))).toMatch(/a expiré/);
    expect(await late.say('oui')).toMatch(/nouveau lien arrive/);
    await b.drain();
    expect(w.mail.mails).toHaveLength(4);
    const fresh = w.mail.mails[3];
    expect(fresh.template).toBe('evaluation-invite');
    // "stop" in the evaluation the new link opens: every follow-up of the need ends.
    const last = webChat(b, 'web-eval-5');
    expect(await last.open(tokenOf(fresh.vars.link))).toMatch(/Quelques mois plus tard/);
    expect(await last.say('stop')).toMatch(/ne vous relancerons plus/);
    expect(await b.follow.ledger.has('PBL-2026-00050', MARKS.stopped)).toBe(true);
    expect(last.state()).toBeUndefined();
    expect(w.fake.records('Évaluations')).toHaveLength(1);
  });

  test('a forged or cut link is refused without saying anything about the need', async () => {
    const chat = webChat(w.instance(), 'web-forged');
    expect(await chat.open('eyJyIjoiUEJMIn0.not-a-signature')).toMatch(/n'est pas valide/);
    expect(await chat.open('x'.repeat(5000))).toMatch(/n'est pas valide/);
    expect(chat.state()).toBeUndefined();
  });

  test('in Teams: the evaluation starts in the association’s own conversation, its reminder too; a date entered long after the mission sends nothing', async () => {
    await w.teamsConversation('conv-teams');
    const { needId } = await w.seedNeed('PBL-2026-00051', { Conversation: 'conv-teams', Langue: 'en' });
    const a = w.instance();
    await missionEnds(a, needId);
    w.channel.take();
    w.setTo(HOT_DUE);
    await a.drain();
    const started = w.channel.take().map((d) => d.activity.text as string);
    expect(started.join('\n')).toMatch(/Hello! Your [\s\S]*PBL-2026-00051[\s\S]*three minutes/);
    expect(w.mail.mails).toEqual([]);

    // No answer: the one reminder, in the same conversation, after the restart.
    w.setTo(HOT_REMINDER_DUE);
    await w.instance().drain();
    expect(w.channel.take().map((d) => d.activity.text)).toEqual([expect.stringMatching(/^A quick reminder/)]);

    // Staff enter the end of another mission months after it ended: too late to invite.
    const { needId: old } = await w.seedNeed('PBL-2026-00052', { Conversation: 'conv-teams' });
    await missionEnds(a, old, '2025-01-10');
    expect((await a.outbox.list({ kind: EVALUATION_INVITATION })).filter((t) => t.id.startsWith('PBL-2026-00052'))).toEqual([]);
  });
});
