import type { Recommendation } from '../../src/domain';
import { initialState, type ConversationState } from '../../src/engine/state';
import { say } from '../../src/engine/texts';
import { buildNeedRecord, type RecordContext } from '../../src/needs/buildRecord';
import { sharedFlow } from '../support/sharedFlow';

/** What staff read in a need, built from a conversation's answers (the conversation files check it end to end). */
const flow = sharedFlow();
const steps = (...ids: string[]) => ids.map((id) => flow.steps.find((s) => s.id === id)!);

function state(answers: Record<string, unknown>, extra: Partial<ConversationState> = {}): ConversationState {
  return {
    ...initialState('fr'),
    answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, { v }])),
    consentAt: '2026-11-23T09:00:00.000Z',
    ...extra,
  };
}

function context(path: string[], extra: Partial<RecordContext> = {}): RecordContext {
  return { reference: 'PBL-2026-00001', conversationId: 'conv-1', channel: 'Emulator', path: steps(...path), values: {}, staffVars: {}, ...extra };
}

const text = (fr: string) => ({ fr, en: `${fr} (en)` });

describe('buildNeedRecord', () => {
  test('each answer goes to the field its question names', () => {
    const record = buildNeedRecord(
      flow,
      state({ name: 'Asso', employees: 2, causes: ['Insertion'], people_available: 3, structure_id: { type: 'SIREN', value: '732829320' } }),
      context(['name', 'employees', 'causes', 'people_available', 'structure_id']),
    );
    expect(record.Structures).toEqual({ Nom: 'Asso', Salariés: 2, Causes: ['Insertion'], SIREN: '732829320' });
    expect(record.Besoins['Personnes disponibles']).toBe(3);
  });

  test('an RNA goes to RNA; a postcode to its code and, when given, its town', () => {
    const withTown = buildNeedRecord(
      flow,
      state({ structure_id: { type: 'RNA', value: 'W751234567' }, postcode: { postcode: '75011', town: 'Paris' } }),
      context(['structure_id', 'postcode']),
    );
    expect(withTown.Structures).toEqual({ RNA: 'W751234567', 'Code postal': '75011', Ville: 'Paris' });
    const codeOnly = buildNeedRecord(flow, state({ postcode: { postcode: '97400' } }), context(['postcode']));
    expect(codeOnly.Structures).toEqual({ 'Code postal': '97400' });
  });

  test('a deadline is a day: a month deadline is its last day', () => {
    const month = buildNeedRecord(flow, state({ deadline: { value: '2028-02', precision: 'month' } }), context(['deadline']));
    expect(month.Besoins.Échéance).toBe('2028-02-29');
    const day = buildNeedRecord(flow, state({ deadline: { value: '2027-01-15', precision: 'day' } }), context(['deadline']));
    expect(day.Besoins.Échéance).toBe('2027-01-15');
  });

  test('skipped, empty or unanswered questions write nothing, and a question off the path is not read', () => {
    const record = buildNeedRecord(
      flow,
      state({ name: 'Asso', website: null, phone: '', email: 'a@b.fr', postcode: null, deadline: null }),
      context(['name', 'website', 'phone', 'contact_name', 'postcode', 'structure_id', 'deadline']),
    );
    expect(record.Structures).toStrictEqual({ Nom: 'Asso' });
    expect(Object.keys(record.Besoins)).not.toContain('Échéance');
  });

  test('a postcode question whose field names no town keeps only the code', () => {
    const [postcode] = steps('postcode');
    const codeOnly = { ...postcode, airtable: { postcode: 'Structures.Code postal' } } as typeof postcode;
    const record = buildNeedRecord(flow, state({ postcode: { postcode: '75011', town: 'Paris' } }), { ...context([]), path: [codeOnly] });
    expect(record.Structures).toStrictEqual({ 'Code postal': '75011' });
  });

  test('answers with no field of their own are added to the description, labelled in French, in path order', () => {
    const record = buildNeedRecord(
      flow,
      state({ description: 'Refaire le site.', social_purpose: true, tried: 'rien', consent: true }, { lang: 'en' }),
      context(['consent', 'social_purpose', 'description', 'tried']),
    );
    expect(record.Besoins.Description).toBe('Refaire le site.\n\nFinalité sociale : Oui\n\nCe que vous avez déjà essayé : rien');
    expect(record.Besoins.Langue).toBe('en');
  });

  test('without a description, the description holds those answers alone', () => {
    const record = buildNeedRecord(flow, state({ tried: 'rien' }), context(['tried']));
    expect(record.Besoins.Description).toBe('Ce que vous avez déjà essayé : rien');
  });

  test('derived values named for a field are written there (the territory), unset ones are not', () => {
    const record = buildNeedRecord(flow, state({}), context([], { values: { territory: 'Île-de-France' } }));
    expect(record.Structures.Territoire).toBe('Île-de-France');
    expect(buildNeedRecord(flow, state({}), context([])).Structures).toStrictEqual({});
  });

  test('what every need carries: reference, status, channel, language, conversation, consent, call back, transcript', () => {
    const transcript: ConversationState['transcript'] = [
      { from: 'user', text: 'bonjour' },
      { from: 'bot', text: 'Bonjour !\nAcceptez-vous ?' },
    ];
    const record = buildNeedRecord(flow, state({}, { transcript, callback: {} }), context([], { channel: 'Teams' }));
    expect(record.Besoins).toEqual({
      Référence: 'PBL-2026-00001',
      Statut: 'Nouveau',
      Canal: 'Teams',
      Langue: 'fr',
      Conversation: 'conv-1',
      Consentement: '2026-11-23T09:00:00.000Z',
      'Rappel demandé': true,
      Transcript: '[user] bonjour\n[bot] Bonjour !\nAcceptez-vous ?',
    });
    expect(buildNeedRecord(flow, state({}), context([])).Besoins['Rappel demandé']).toBe(false);
  });

  test('a recommendation gives eligibility, programme, other programmes and the reasons in French, placeholders filled', () => {
    const recommendation: Recommendation = {
      eligible: true,
      primary: { value: 'Probono Booster', name: text('Probono Booster'), pitch: text('p'), reasons: [text('Raison A.'), text('{{people_available}} personnes.')] },
      others: [
        { value: 'Probono Factory', name: text('Probono Factory'), pitch: text('p'), reasons: [text('R1.'), text('R2.')] },
        { value: 'Mission freelance', name: text('Mission freelance'), pitch: text('p'), reasons: [] },
      ],
      unmet: [],
    };
    const record = buildNeedRecord(flow, state({}), context([], { recommendation, staffVars: { people_available: 3 } }));
    expect(record.Besoins).toMatchObject({
      Éligible: true,
      'Programme recommandé': 'Probono Booster',
      'Autres programmes': ['Probono Factory', 'Mission freelance'],
      Motifs: [
        '- Raison A.',
        '- 3 personnes.',
        `${say(flow, 'recommendation.others', 'fr')} :`,
        '- Probono Factory (R1.; R2.)',
        '- Mission freelance',
      ].join('\n'),
    });
  });

  test('no other programme: the reasons alone; not eligible is said', () => {
    const recommendation: Recommendation = {
      eligible: false,
      primary: { value: 'Orientation externe', name: text('Orientation externe'), pitch: text('p'), reasons: [text('Trop jeune.')] },
      others: [],
      unmet: [],
    };
    const record = buildNeedRecord(flow, state({}), context([], { recommendation }));
    expect(record.Besoins).toMatchObject({ Éligible: false, 'Autres programmes': [], Motifs: '- Trop jeune.' });
  });

  test('a call back before the end has no recommendation: no eligibility, programme or reasons', () => {
    const record = buildNeedRecord(flow, state({}), context([]));
    for (const field of ['Éligible', 'Programme recommandé', 'Autres programmes', 'Motifs']) expect(record.Besoins).not.toHaveProperty([field]);
  });

  test('a record the contract refuses is never built', () => {
    expect(() => buildNeedRecord(flow, state({ structure_id: { type: 'RNA', value: 'W1' } }), context(['structure_id']))).toThrow();
  });
});
