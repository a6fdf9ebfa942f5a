import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions, ConversationState } from 'botbuilder';
import { flowStatusTexts, proactiveSend, proactiveTurn } from '../../src/airtable/statusDelivery';
import { StatusWatcher } from '../../src/airtable/statusWatcher';
import { conversationStarter } from '../../src/bot/evaluationStarter';
import { BotEvaluations } from '../../src/bot/evaluationTurns';
import { type FollowUps, followUps } from '../../src/evaluations/followUpWorkers';
import { fixedJourney } from '../../src/journey/liveJourney';
import type { MailQueue, MailRequest } from '../../src/mail/mailQueue';
import { ClaimingOutbox } from '../../src/stores/claimingOutbox';
import { SqliteConversationReferences, SqliteStatusNotifications, SqliteWatermarks } from '../../src/stores/sqlite/sqliteConversationReferences';
import { SqliteStorage } from '../../src/stores/sqlite/sqliteStorage';
import { SqliteTaskRecords } from '../../src/stores/sqlite/sqliteTaskRecords';
import { BASE, makeRecord, makeWorld, projectFlow, type World } from '../airtable/helpers';
import { ConnectorChannel, referenceFor } from '../airtable/statusWatcherHelpers';

/**
 * What follows an accepted need, for real: the Airtable stand-in (a base made by setup's
 * schema), the SQLite stores, the status watcher with the follow-ups' observers, the outbox
 * workers, and a Bot Connector channel stand-in for the proactive turns (Teams). Time is the
 * world's virtual clock: the outbox, the workers, the watcher and the fake all read it.
 *
 * The mail queue here records what is queued: its delivering implementation (SMTP, .eml) lives
 * in the mail branch; this world checks what the follow-ups ask it to send.
 */
export const SECRET = 'a-test-secret-for-evaluation-links-0123456789';
export const PUBLIC_URL = 'https://bot.example.org';

export class RecordingMailQueue implements MailQueue {
  readonly mails: MailRequest[] = [];
  async enqueue(mail: MailRequest) {
    const created = !this.mails.some((m) => m.id === mail.id);
    if (created) this.mails.push(mail);
    return { id: mail.id, created };
  }
}

/** One process of the server: its own outbox handle, workers, watcher and bot state, on the shared database. */
export interface Instance {
  outbox: ClaimingOutbox;
  follow: FollowUps;
  watcher: StatusWatcher;
  conversationState: ConversationState;
  /** Runs every follow-up worker once (due tasks only). */
  drain(): Promise<void>;
}

export interface FollowWorld extends World {
  channel: ConnectorChannel;
  mail: RecordingMailQueue;
  references: SqliteConversationReferences;
  notifications: SqliteStatusNotifications;
  watermarks: SqliteWatermarks;
  instance(): Instance;
  /** A Teams conversation the bot can write to later. */
  teamsConversation(id: string): Promise<void>;
  /** A need recorded by the bot: in the local journal, and in the base with its structure as the sync leaves them. */
  seedNeed(reference: string, need?: Record<string, unknown>, structure?: Record<string, unknown>): Promise<{ needId: string; structureId: string }>;
  setTo(at: number): void;
}

export async function makeFollowWorld(start: number): Promise<FollowWorld> {
  const world = await makeWorld();
  world.clock.advance(start - world.clock.now());
  const channel = new ConnectorChannel();
  await channel.start();
  const mail = new RecordingMailQueue();
  const now = () => new Date(world.clock.now());
  const references = new SqliteConversationReferences(world.db, now);
  const notifications = new SqliteStatusNotifications(world.db);
  const watermarks = new SqliteWatermarks(world.db, now);
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' } as ConfigurationBotFrameworkAuthenticationOptions),
  );
  const flow = projectFlow();
  const stopped: FollowUps[] = [];

  const instance = (): Instance => {
    const outbox = new ClaimingOutbox(new SqliteTaskRecords(world.db), world.openClaims(), world.clock.now);
    const conversationState = new ConversationState(new SqliteStorage(world.db));
    let bot: BotEvaluations | undefined;
    const follow = followUps({
      stores: { outbox, notifications, references, watermarks, journal: world.journal },
      airtable: { request: world.request, baseId: BASE },
      flow: () => flow,
      send: proactiveSend(adapter, ''),
      starter: () => conversationStarter(proactiveTurn(adapter, ''), { startEvaluation: (context, init, mode) => bot!.start(context, init, mode) }),
      mail,
      linkSecret: SECRET,
      publicUrl: PUBLIC_URL,
      log: world.logger,
      now: world.clock.now,
    });
    bot = new BotEvaluations({ service: follow.service, journeys: fixedJourney(flow), log: world.logger }, conversationState, now, world.logger, () => flow);
    stopped.push(follow);
    const watcher = new StatusWatcher({
      request: world.request,
      baseId: BASE,
      references,
      notifications,
      watermarks,
      send: proactiveSend(adapter, ''),
      texts: flowStatusTexts(flow),
      clock: world.clock,
      logger: world.logger,
      observers: follow.observers,
    });
    const drain = async () => {
      for (const w of Object.values(follow.workers)) await (w as { runDue(): Promise<unknown> }).runDue();
    };
    return { outbox, follow, watcher, conversationState, drain };
  };

  return {
    ...world,
    channel,
    mail,
    references,
    notifications,
    watermarks,
    instance,
    teamsConversation: (id) => references.save(id, referenceFor(channel, id, { channelId: 'msteams' })),
    seedNeed: async (reference, need = {}, structure = {}) => {
      const conversationId = typeof need.Conversation === 'string' ? need.Conversation : `conv-${reference}`;
      await world.journal.save(reference, conversationId, makeRecord(reference, { Email: 'camille@example.org' }, { Conversation: conversationId }) as unknown as Record<string, unknown>);
      const [s] = world.fake.seedRecords('Structures', [
        { Nom: 'Les Jardins Partagés', Ville: 'Paris', Territoire: 'Île-de-France', 'Forme juridique': 'Association loi 1901', Email: 'camille@example.org', 'Site web': 'https://jardins.example.org', ...structure },
      ]);
      const [n] = world.fake.seedRecords('Besoins', [
        {
          Référence: reference,
          Statut: 'Nouveau',
          Structure: [s.id],
          Langue: 'fr',
          'Programme recommandé': 'Probono Booster',
          Domaines: ['Communication et marketing'],
          Nature: 'Ponctuel',
          Échéance: '2026-09-30',
          Description: 'Les Jardins Partagés veulent refaire leur site web. Écrivez à camille@example.org.',
          ...need,
        },
      ]);
      return { needId: n.id, structureId: s.id };
    },
    setTo: (at) => world.clock.advance(at - world.clock.now()),
    close: async () => {
      for (const f of stopped) await f.stop();
      await channel.stop();
      await world.close();
    },
  };
}
