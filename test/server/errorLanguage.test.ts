import { BotServer, CaptureChannel, postActivity, readable, servedDuringSuite } from '../support/channelHarness';
import { userMessage } from '../support/journeyStart';

/**
 * What the server says outside the bot's turn (a failed turn, a flooding conversation) is said in
 * the conversation's language: the one the conversation switched to, else the activity's locale.
 */
describe('the server speaks the conversation language when a turn fails or floods', () => {
  const channel = new CaptureChannel();
  const bot = new BotServer({ env: { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '3' } });
  const send = async (conversationId: string, text: string, locale?: string) => {
    expect(await postActivity(bot.url, userMessage(channel, conversationId, text, locale ? { locale } : {}))).toBe(200);
    return channel.take().map(readable).join('\n');
  };

  servedDuringSuite(channel, bot);

  test('a turn that fails in a conversation switched to English is apologised for in English', async () => {
    expect(await send('c-failed-en', 'bonjour')).toContain('Acceptez-vous');
    expect(await send('c-failed-en', 'english')).toContain('Are you happy for me to keep your answers?');
    // The channel refuses the turn's replies: the turn fails, and the apology is what it receives.
    channel.refuse = (a) => readable(a).includes('organisation');
    const said = await send('c-failed-en', 'yes').finally(() => (channel.refuse = undefined));
    expect(said).toBe("Sorry, a technical problem stopped me from answering. Your answers are kept: could you send your last message again?");
  });

  test('a turn that fails in a French conversation is apologised for in French, whatever the locale', async () => {
    expect(await send('c-failed-fr', 'bonjour', 'fr-FR')).toContain('Acceptez-vous');
    channel.refuse = (a) => readable(a).includes('structure');
    const said = await send('c-failed-fr', 'oui', 'en-GB').finally(() => (channel.refuse = undefined));
    expect(said).toBe("Désolé, un problème technique m'a empêché de répondre. Vos réponses sont conservées\u00a0: pouvez-vous renvoyer votre dernier message\u202f?");
  });

  test('a flooding conversation is told to slow down in the language of its locale', async () => {
    const flood = (conversationId: string, locale: string) =>
      Promise.all(Array.from({ length: 6 }, () => postActivity(bot.url, userMessage(channel, conversationId, 'hello', { locale }))));
    await flood('c-flood-en', 'en-GB');
    await flood('c-flood-fr', 'fr-FR');
    await flood('c-flood-other', 'de-DE');
    const replies = channel.take();
    const of = (id: string) => replies.filter((a) => a.conversation?.id === id).map(readable);
    expect(of('c-flood-en').filter((r) => r.startsWith("You're writing very fast"))).toHaveLength(1);
    expect(of('c-flood-fr').filter((r) => r.startsWith("Vous m'écrivez très vite"))).toHaveLength(1);
    // A language the journey does not speak: its default, French.
    expect(of('c-flood-other').filter((r) => r.startsWith("Vous m'écrivez très vite"))).toHaveLength(1);
  });
});
