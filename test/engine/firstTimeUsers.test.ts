/**
 * First-time users through the engine (issue 10): the conversation's language from the channel's
 * locale, decisive criteria (said as soon as certainly not met), "none of these" and the way
 * through after three failures. The conversations in test/conversations/ play the same through
 * the real server; these pin the rules themselves.
 */
import { languageOfLocale } from '../../src/engine/language';
import { runTurn, type TurnInput, type TurnResult } from '../../src/engine/machine';
import { decisiveFailure } from '../../src/engine/notEligible';
import { pickOption } from '../../src/engine/options';
import type { ConversationState } from '../../src/engine/state';
import { plainText } from '../../src/engine/userText';
import { loadFlowFromFiles } from '../../src/flow/loadFromFiles';
import { readJourneyDir } from '../../src/flow/readJourneyDir';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';
import { plainSpaces } from '../support/storedExpectations';
import { sharedFlow } from '../support/channelHarness';

const flow = sharedFlow();
const NOW = new Date('2026-11-23T09:00:00Z');


function conversation(locale?: string, on = flow) {
  let state: ConversationState | undefined;
  let references = 0;
  return (input: TurnInput | string): TurnResult & { said: string } => {
    const given: TurnInput = typeof input === 'string' ? { kind: 'message', text: input } : input;
    const r = runTurn(on, state, { ...given, locale }, { now: NOW, conversationId: 'first', channel: 'Site web', nextReference: () => `PBL-2026-${String(++references).padStart(5, '0')}` });
    state = JSON.parse(JSON.stringify(r.state)) as ConversationState;
    return { ...r, said: plainSpaces(r.messages.map((m) => plainText(m.text)).join('\n')) };
  };
}

describe('the language of a new conversation is the channel locale', () => {
  test.each([
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['EN', 'en'],
    ['fr-CA', 'fr'],
    ['fr', 'fr'],
    ['de-DE', 'fr'],
    ['', 'fr'],
    [undefined, 'fr'],
  ])('%p → %s', (locale, lang) => {
    expect(languageOfLocale(locale, flow)).toBe(lang);
  });

  test('the welcome is in that language and says, in the other one, how to switch', () => {
    const en = conversation('en-US')({ kind: 'start' });
    expect(en.state.lang).toBe('en');
    expect(en.said).toMatch(/Are you happy for me to keep your answers\?\n\nVous préférez le français\s\? Écrivez «\sfrançais\s»\.$/);
    const fr = conversation('it-IT')({ kind: 'start' });
    expect(fr.said).toMatch(/Acceptez-vous que je conserve vos réponses\s\?\n\nPrefer English\? Just type "English"\.$/);
  });

  test('only a new conversation: a later locale never switches a conversation back', () => {
    const say = conversation('en-US');
    say({ kind: 'start' });
    expect(say('en français svp').state.lang).toBe('fr');
    // The browser still says en-US on every activity.
    expect(say('oui').state.lang).toBe('fr');
  });

  test('a chosen language survives a restart, and the welcome then has no line to switch', () => {
    const say = conversation('fr-FR');
    say('bonjour');
    say('english');
    say('restart');
    const again = say('yes');
    expect(again.state.lang).toBe('en');
    expect(again.said).toContain('Are you happy for me to keep your answers?');
    expect(again.said).not.toContain('Vous préférez le français');
  });
});

describe('decisive criteria', () => {
  const values = (v: Record<string, unknown>) => ({ eligible: false, ...v });

  test('certainly not met: every field it reads answered, and false', () => {
    expect(decisiveFailure(flow, values({ financial_situation: 'Critique' }))?.id).toBe('finances_not_critical');
    expect(decisiveFailure(flow, values({ legal_form: 'Autre', social_purpose: false }))?.id).toBe('social_purpose');
  });

  test('not yet decided: a field still to answer, or answered as unknown', () => {
    expect(decisiveFailure(flow, values({ legal_form: 'Autre' }))).toBeUndefined();
    expect(decisiveFailure(flow, values({ legal_form: 'Autre', social_purpose: null }))).toBeUndefined();
    expect(decisiveFailure(flow, values({ financial_situation: null }))).toBeUndefined();
  });

  test('met, or not decisive: nothing to say early', () => {
    expect(decisiveFailure(flow, values({ legal_form: 'Association loi 1901', financial_situation: 'Fragile' }))).toBeUndefined();
    // Two people available and a year of activity are not decisive by default.
    expect(decisiveFailure(flow, values({ people_available: 1, years_active: 0 }))).toBeUndefined();
  });

  test('a staff edit makes another criterion decisive, and the bot follows', () => {
    const files = readJourneyDir(DIALOGS_DIR, CARDS_DIR);
    const rules = files['dialogs/rules.yaml'].replace('    - id: two_people_available\n', '    - id: two_people_available\n      decisive: true\n');
    const edited = loadFlowFromFiles({ ...files, 'dialogs/rules.yaml': rules });
    const say = conversation('fr-FR', edited);
    for (const text of ['bonjour', 'oui', 'Les Jardins', 'association', 'passer', '75011 Paris', '2012', '2', '10', 'passer', 'culture', 'passer', 'stable']) say(text);
    const told = say('une seule');
    expect(told.said).toContain('Je préfère vous le dire dès maintenant');
    expect(told.said).toContain('Un accompagnement demande au moins deux personnes');
    expect(told.state.pending).toBe('not_eligible');
  });
});

describe('never a loop on a required question', () => {
  function atLegalForm() {
    const say = conversation('fr-FR');
    for (const text of ['bonjour', 'oui', 'Les Jardins']) say(text);
    return say;
  }

  test('"aucune" is offered the flow\'s "other" choice, confirmed in one line', () => {
    const say = atLegalForm();
    const offered = say('aucune');
    expect(offered.state.pending).toBe('other');
    expect(plainSpaces(offered.messages)).toEqual([expect.objectContaining({ type: 'question', text: "Aucune de ces réponses ne vous correspond ? Je peux noter « Autre ». D'accord ?" })]);
    const yes = say('oui');
    expect(yes.state.answers.legal_form).toEqual({ v: 'Autre' });
  });

  test('a step may name its own "other" choice; a list without one asks again', () => {
    const files = readJourneyDir(DIALOGS_DIR, CARDS_DIR);
    const structure = files['dialogs/steps/02-structure.yaml'].replace('    airtable: Structures.Forme juridique\n', '    airtable: Structures.Forme juridique\n    other: Fondation\n');
    const edited = loadFlowFromFiles({ ...files, 'dialogs/steps/02-structure.yaml': structure });
    const say = conversation('fr-FR', edited);
    for (const text of ['bonjour', 'oui', 'Les Jardins']) say(text);
    expect(say('aucune').said).toContain('Je peux noter « Fondation »');
    const noOther = loadFlowFromFiles({ ...files, 'dialogs/flow.yaml': files['dialogs/flow.yaml'].replace('other_choice: Autre', 'other_choice: Nulle part') });
    const plain = conversation('fr-FR', noOther);
    for (const text of ['bonjour', 'oui', 'Les Jardins']) plain(text);
    const again = plain('aucune');
    expect(again.state.pending).toBeUndefined();
    expect(again.said).toContain("Je n'ai pas reconnu votre réponse");
  });

  test('failures of any kind count; from the third the call back and "je ne sais pas" are offered, with their buttons', () => {
    const say = atLegalForm();
    say('aucune');
    expect(say('non').state.attempts).toBe(1); // "other" declined
    expect(say('bof').state.attempts).toBe(2); // not understood
    const third = say('passer'); // refused: required
    expect(third.state.attempts).toBe(3);
    expect(third.said).toContain("Si c'est compliqué, écrivez « parler à quelqu'un »");
    expect(third.said).toContain('Ou, si aucune réponse ne convient, choisissez « Autre », ou écrivez « je ne sais pas ».');
    const question = third.messages.at(-1);
    expect(question).toMatchObject({ type: 'question', actions: [{ label: 'Être rappelé' }, { label: 'Je ne sais pas' }] });
    // Both buttons send words their commands know.
    const through = say('Je ne sais pas');
    expect(through.state.answers.legal_form).toEqual({ v: null });
    expect(through.said).toContain("je note que vous ne savez pas");
    expect(through.events).toContainEqual({ kind: 'skip', step: 'legal_form' });
  });

  test('contact details keep the call back\'s own way out, never "je ne sais pas"', () => {
    const say = conversation('fr-FR');
    for (const text of ['bonjour', 'oui', "parler à quelqu'un", 'Sam Martin']) say(text);
    say('pas de numéro valable');
    say('toujours pas');
    const third = say('bof');
    expect(third.said).not.toContain('je ne sais pas');
    expect(third.state.pending).toBe('way_out');
  });
});

describe("our own questions' options", () => {
  const options = [
    { value: 'short' as const, label: 'Laisser une demande', words: ['laisser'] },
    { value: 'stop' as const, label: "M'arrêter là", words: ['stop'] },
  ];

  test('a click (the label) or one of the words, as the whole message, accents and case aside', () => {
    expect(pickOption('laisser une DEMANDE', options)).toBe('short');
    expect(pickOption("m'arreter la", options)).toBe('stop');
    expect(pickOption('Stop !', options)).toBe('stop');
  });

  test('never a partial match: anything else goes on as an answer', () => {
    expect(pickOption('nous voulons laisser une trace', options)).toBeUndefined();
    expect(pickOption('', options)).toBeUndefined();
  });
});
