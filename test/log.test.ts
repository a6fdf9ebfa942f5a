import { captureLogs } from './support/logCapture';

/** Personal data never reaches the logs as such: the production logger censors it wherever it appears. */
describe('log redaction', () => {
  it('censors what users typed, names, contact details and need records', () => {
    const { log, raw, lines } = captureLogs();
    const secrets = ['Fatima Bennani', 'fatima@example.org', '06 11 22 33 44', 'Nos bénévoles sont épuisés', 'Les Jardins'];
    log.info({ text: secrets[3], activity: { text: secrets[3], value: { answer: secrets[0] }, from: { id: 'u1', name: secrets[0] } } }, 'turn');
    log.info({ conversationId: 'conv-1', email: secrets[1], phone: secrets[2], name: secrets[0] }, 'contact');
    log.warn({ record: { Structures: { Nom: secrets[4] } }, fields: { Email: secrets[1] }, records: [{ fields: { Contact: secrets[0] } }] }, 'airtable');
    log.info({ state: { transcript: [{ from: 'user', text: secrets[3] }], answers: { email: secrets[1] } } }, 'state');
    log.info({ Structures: { Téléphone: secrets[2], Email: secrets[1], Contact: secrets[0] }, Besoins: { Description: secrets[3] } }, 'need');
    for (const s of secrets) expect(raw()).not.toContain(s);
    // What is needed to operate stays readable.
    expect(lines()[1]).toMatchObject({ conversationId: 'conv-1', email: '[redacted]', msg: 'contact' });
    expect(lines()).toHaveLength(5);
  });
});
