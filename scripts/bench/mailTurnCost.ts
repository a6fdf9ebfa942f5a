import nodemailer from 'nodemailer';
import type { ConversationState } from '../../src/engine/state';
import { needCopyMail } from '../../src/mail/needCopy';
import { renderMail } from '../../src/mail/render';
import type { NeedRecord } from '../../src/needs/record';
import { engineJourney, flow, START } from './insightsTurnCost';
import { JOURNEY } from './journeyScript';
import { cpuMsSince, median } from './stats';

/**
 * Micro-benchmark (not a test) of what the association's copy by mail costs, spread over the
 * turns of the bench journey that leads to it: building the mail from the need (needCopyMail),
 * rendering its template, and composing the MIME message as the file transport does (nodemailer);
 * CPU time, median of three rounds. The outbox write and the file write are I/O of the worker,
 * counted in the bench's own rows (the bot process does them).
 *   node scripts/build-if-needed.js && node dist/scripts/bench/mailTurnCost.js [journeys]
 */

/** The bench journey's end: the state and the need it records. */
function journeyEnd(): { state: ConversationState; need: NeedRecord; now: Date } {
  const { states, need } = engineJourney('mail-bench');
  return { state: states[states.length - 1], need, now: new Date(START + JOURNEY.length * 20_000) };
}

/** CPU per turn of the mail copy, in ms: one mail per whole journey, over its turns. */
export async function mailTurnCost(journeys: number): Promise<number> {
  const { state, need, now } = journeyEnd();
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const entry = { reference: need.Besoins.Référence, conversationId: 'mail-bench', record: need as unknown as Record<string, unknown>, version: 1, createdAt: now.toISOString(), updatedAt: now.toISOString(), syncStatus: 'pending' as const };
  const one = async () => {
    const copy = needCopyMail({ entry, state, flow, now }, { delayMs: 0 });
    if (!copy) throw new Error('the bench journey gives no email: no copy by mail to measure');
    const rendered = renderMail(flow.mail[copy.template], copy.lang, copy.vars);
    await composer.sendMail({ from: 'bot@example.org', to: copy.to, subject: rendered.subject, text: rendered.text, html: rendered.html, date: now });
  };
  await one(); // the first one loads and compiles what the others reuse
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const since = process.cpuUsage();
    for (let j = 0; j < journeys; j++) await one();
    rounds.push(cpuMsSince(since) / (journeys * JOURNEY.length));
  }
  composer.close();
  return median(rounds);
}

if (require.main === module) {
  const journeys = Number(process.argv[2] ?? 100);
  mailTurnCost(journeys).then(
    (ms) => console.log(`mail copy per turn: ${(ms * 1000).toFixed(0)} µs CPU (${journeys} mails × 3 rounds, ${JOURNEY.length} turns a journey)`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
