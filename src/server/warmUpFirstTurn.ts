import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { matchIntent } from '../answers';
import { capabilitiesOf, KNOWN_CHANNEL_IDS } from '../bot/channels';
import { mayBeEnglish } from '../bot/input';
import { toActivities } from '../bot/render';
import { detectCommand } from '../engine/commands';
import { intentExamples } from '../engine/intents';
import { runTurn } from '../engine/machine';
import type { Flow } from '../flow/model';

/**
 * Builds, before /readyz says ready, what the first turn of the process would otherwise build
 * while a user waits (together 20-25 ms of that turn on this project's machine):
 * - the word tables the first message needs: the journey's command words and intent examples,
 *   and the language readers' (is it English? a request to switch?), read on a sentence of the
 *   journey's own (the first example of the help command) in both languages;
 * - the Bot Connector client's request pipeline, whose modules the Azure SDK loads on first use
 *   (the adapter makes a client on the first turn for each serviceUrl, reusedClients.ts; the
 *   first one cost about 12 ms). No request is sent;
 * - a first message of a new conversation, in memory, in both languages, rendered for every
 *   channel: V8 compiles a function on its first call, and that turn's code (the welcome, the
 *   calendar's dates, the cards) was compiled while the first user waited.
 * Nothing is stored: the turns run on the pure engine, and their result is dropped.
 */
export function warmUpFirstTurn(flow: Flow): void {
  const examples = intentExamples(flow);
  for (const lang of ['fr', 'en'] as const) {
    const sentence = flow.commands.help.examples[lang][0] ?? flow.commands.help.words[lang][0] ?? '';
    detectCommand(flow, sentence);
    matchIntent(sentence, examples, lang);
    mayBeEnglish({ kind: 'message', text: sentence }, undefined);
    const first = runTurn(flow, undefined, { kind: 'message', text: sentence, locale: lang }, { now: new Date(), conversationId: 'warm-up', channel: 'Site web', nextReference: () => 'warm-up' });
    for (const channel of KNOWN_CHANNEL_IDS) toActivities(flow, first.messages, capabilitiesOf(channel));
  }
  new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: 'http://127.0.0.1' });
}
