import { MAIL_KIND } from '../../src/mail/mailQueue';
import { messageIdOf } from '../../src/mail/outboxMailQueue';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteTaskRecords } from '../../src/stores/sqlite/sqliteTaskRecords';
import { plainSpaces } from '../support/storedExpectations';
import { ServerWorld, typedTurns } from './serverWorld';
import { SmtpStandIn } from './smtpStandIn';

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 20));
}

const FROM = 'Probono Lab <bonjour@probono-lab.example>';
const PUBLIC_URL = 'https://bot.probono-lab.example';
/** A structure name that is markup: it must reach the HTML body as text. */
const HOSTILE = 'Les <b>Amis</b> & "Loire" <script>alert(1)</script>';

/** The association's copy of its need, from whole conversations on the real server to a real SMTP server. */

describe('the copy of the need by mail', () => {
  let smtp: SmtpStandIn;
  let world: ServerWorld;

  beforeAll(async () => {
    smtp = new SmtpStandIn();
    await smtp.start();
    world = new ServerWorld({ SMTP_URL: smtp.url, MAIL_FROM: FROM, PUBLIC_URL }, { afterNeed: { deliveryDelayMs: 0 } });
    await world.start();
  });
  afterAll(async () => {
    await world.stop();
    await world.cleanup();
    await smtp.stop();
  });

  const mailTo = (address: string) => {
    const found = smtp.received.filter((r) => r.to.includes(address));
    expect(found).toHaveLength(1);
    return found[0].mail;
  };

  it('in French: reference, answers, recommendation and reasons, the partner it went to, what happens next, how to erase; values escaped in HTML', async () => {
    const turns = typedTurns('freelance-technical-delivery-with-budget.yaml', (t) => (t === 'Les Amis de la Loire' ? HOSTILE : t));
    const said = await world.play('conv-fr', turns);
    const reference = /PBL-2026-\d{5}/.exec(said.at(-1)!.join('\n'))?.[0];
    expect(reference).toBeDefined();
    await smtp.waitFor(1);
    const mail = mailTo('paul.girard@lesamisdelaloire.fr');
    expect(mail.subject).toBe(`Votre demande ${reference} est bien enregistrée`);
    expect(mail.messageId).toBe(messageIdOf(`need-recorded:${reference}`, FROM));
    expect(mail.from?.value).toEqual([{ name: 'Probono Lab', address: 'bonjour@probono-lab.example' }]);
    // Words compared; the French no-break spaces (before ":") made plain.
    const text = plainSpaces(mail.text!);
    for (const part of [
      'Bonjour Paul Girard,',
      `La demande de ${HOSTILE} est enregistrée sous la référence ${reference}.`,
      `- Nom de la structure : ${HOSTILE}`,
      '- Budget pour un prestataire : 8 000 €',
      '- Échéance : 15 mars 2027',
      '- Partage avec Collectif Freelances Solidaires : Oui',
      'NOTRE RECOMMANDATION : Mission freelance',
      '- Votre besoin est une réalisation technique.',
      "- Vous disposez d'un budget pour un prestataire.",
      'Autres pistes possibles :\n- Probono Explorers : ',
      'ont aussi été transmises à Collectif Freelances Solidaires',
      'étudiera votre demande sous 5 jours ouvrés et vous écrira à paul.girard@lesamisdelaloire.fr',
      '« supprimer mes données »',
      `(${PUBLIC_URL})`,
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).not.toContain('rappelé'); // no call back was asked for
    const html = plainSpaces(String(mail.html));
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Les &#60;b&#62;Amis&#60;/b&#62; &#38; &#34;Loire&#34; &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Amis');
    expect(html).toContain(`<a href="${PUBLIC_URL}">`);
    expect(html).toMatch(/<ul><li>Nom de la structure : Les &#60;b&#62;/);
  });

  it('in English for a conversation held in English', async () => {
    const said = await world.play('conv-en', typedTurns('language-english-whole-journey.yaml'));
    const reference = /PBL-2026-\d{5}/.exec(said.at(-1)!.join('\n'))?.[0];
    await smtp.waitFor(2);
    const mail = mailTo('emma@greenkitchen.org');
    expect(mail.subject).toBe(`Your request ${reference} is recorded`);
    // Words compared; the French no-break spaces (before ":") made plain.
    const text = plainSpaces(mail.text!);
    for (const part of [
      'Hello Emma Wilson,',
      'YOUR ANSWERS',
      '- Organisation name: Green Kitchen Lyon',
      'OUR RECOMMENDATION: Probono Explorers',
      '- You work on one of the Explorers themes.',
      'Other possible options:\n- Probono Factory: ',
      'October–November 2027',
      '"delete my data"',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toMatch(/VOS RÉPONSES|Pourquoi|Collectif Freelances/);
    expect(String(mail.html)).toContain('<html lang="en">');
  });

  it('a call back asked for early, with an email: what the team will do; each mail is its conversation\'s', async () => {
    await world.play('conv-cb', typedTurns('callback-no-phone-email-instead.yaml'));
    await smtp.waitFor(3);
    const mail = mailTo('jp.blanc@secours13.fr');
    expect(mail.subject).toBe('Votre demande de rappel PBL-2026-00003');
    expect(mail.text).toContain("L'équipe Probono Lab vous écrira à jp.blanc@secours13.fr sous 2 jours ouvrés.");
    expect(plainSpaces(mail.text!)).toContain('- Nom de la structure : Secours Alimentaire 13');
    expect(mail.text).not.toContain('vous appellera');
    // Every mail task is the conversation's: erasing it erases them.
    const db = openDatabase(world.dataDir);
    try {
      const records = new SqliteTaskRecords(db);
      // Received by the server; its task is marked done just after.
      await until(async () => (await records.list({ kind: MAIL_KIND, status: 'done' })).length === 3);
      const tasks = await records.list({ kind: MAIL_KIND });
      expect(tasks.map((t) => [t.id.replace(/\d+$/, 'n'), t.subject, t.status]).sort()).toEqual([
        ['callback-requested:PBL-2026-n', 'conv-cb', 'done'],
        ['need-recorded:PBL-2026-n', 'conv-en', 'done'],
        ['need-recorded:PBL-2026-n', 'conv-fr', 'done'],
      ]);
    } finally {
      closeDatabase(db);
    }
  });
});
