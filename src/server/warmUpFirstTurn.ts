import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { matchIntent } from '../answers';
import { mayBeEnglish } from '../bot/input';
import { detectCommand } from '../engine/commands';
import { intentExamples } from '../engine/intents';
import type { Flow } from '../flow/model';

/**
 * Builds, before /readyz says ready, what the first turn of the process would otherwise build
 * while a user waits (together 20-25 ms of that turn on this project's machine):
 * - the word tables the first message needs: the journey's command words and intent examples,
 *   and the language readers' (is it English? a request to switch?), read on a sentence of the
 *   journey's own (the first example of the help command) in both languages;
 * - the Bot Connector client's request pipeline, whose modules the Azure SDK loads on first use
 *   (the adapter makes a client per turn; the first one cost about 12 ms). No request is sent.
 * Nothing is stored.
 */
export function warmUpFirstTurn(flow: Flow): void {
  const examples = intentExamples(flow);
  for (const lang of ['fr', 'en'] as const) {
    const sentence = flow.commands.help.examples[lang][0] ?? flow.commands.help.words[lang][0] ?? '';
    detectCommand(flow, sentence);
    matchIntent(sentence, examples, lang);
    mayBeEnglish({ kind: 'message', text: sentence }, undefined);
  }
  new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: 'http://127.0.0.1' });
}
