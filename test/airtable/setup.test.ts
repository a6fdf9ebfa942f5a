import { AirtableApiError, accessHelp } from '../../src/airtable/http';
import { buildBaseSchema, type BaseSchema } from '../../src/airtable/schema';
import { setupBase } from '../../src/airtable/setup';
import type { Flow } from '../../src/flow/model';
import { BASE, makeWorld, projectFlow, type World } from './helpers';

describe('airtable:setup', () => {
  let world: World;
  let schema: BaseSchema;
  beforeEach(async () => {
    world = await makeWorld({ seed: false });
    schema = buildBaseSchema(projectFlow());
  });
  afterEach(() => world.close());

  const run = (s: BaseSchema = schema) => setupBase({ request: world.request, baseId: BASE, schema: s });
  const fieldOf = (table: string, name: string) => world.fake.table(table).fields.find((f) => f.name === name);
  const choiceNames = (table: string, name: string) => fieldOf(table, name)?.options?.choices?.map((c) => c.name);

  test('on an empty base: every table with every field, options from dialogs/, the links and their reverse', async () => {
    const report = await run();
    const calls = world.fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual([
      `GET /v0/meta/bases/${BASE}/tables`,
      `POST /v0/meta/bases/${BASE}/tables`,
      `POST /v0/meta/bases/${BASE}/tables`,
      `POST /v0/meta/bases/${BASE}/tables`,
      `POST /v0/meta/bases/${BASE}/tables`,
      `GET /v0/meta/bases/${BASE}/tables`,
    ]);
    for (const r of world.fake.requests) expect(r.headers.authorization).toBe('Bearer patTEST.secret');

    const [structures, besoins] = [world.fake.requests[1].body, world.fake.requests[2].body];
    expect(structures.name).toBe('Structures');
    expect(structures.fields[0]).toEqual({ name: 'Nom', type: 'singleLineText' });
    expect(structures.fields.map((f: { name: string }) => f.name)).not.toContain('Besoins');
    expect(besoins.name).toBe('Besoins');
    expect(besoins.fields[0]).toMatchObject({ name: 'Référence', type: 'singleLineText' });
    expect(besoins.fields[1]).toEqual({ name: 'Structure', type: 'multipleRecordLinks', options: { linkedTableId: world.fake.table('Structures').id } });
    expect(besoins.fields.find((f: { name: string }) => f.name === 'Consentement')).toEqual({
      name: 'Consentement',
      type: 'dateTime',
      options: { timeZone: 'Europe/Paris', dateFormat: { name: 'iso' }, timeFormat: { name: '24hour' } },
    });
    expect(besoins.fields.find((f: { name: string }) => f.name === 'Échéance')).toEqual({ name: 'Échéance', type: 'date', options: { dateFormat: { name: 'iso' } } });
    expect(structures.fields.find((f: { name: string }) => f.name === 'Budget annuel (€)')).toEqual({
      name: 'Budget annuel (€)',
      type: 'currency',
      options: { precision: 0, symbol: '€' },
    });

    const flow = projectFlow();
    const types = (table: string) => Object.fromEntries(world.fake.table(table).fields.map((f) => [f.name, f.type]));
    expect(types('Structures')).toEqual({
      Nom: 'singleLineText',
      'Forme juridique': 'singleSelect',
      RNA: 'singleLineText',
      SIREN: 'singleLineText',
      'Code postal': 'singleLineText',
      Ville: 'singleLineText',
      Territoire: 'singleSelect',
      'Année de création': 'number',
      Salariés: 'number',
      Bénévoles: 'number',
      'Budget annuel (€)': 'currency',
      Causes: 'multipleSelects',
      'Site web': 'url',
      Contact: 'singleLineText',
      Email: 'email',
      Téléphone: 'phoneNumber',
      Clé: 'singleLineText',
      Besoins: 'multipleRecordLinks',
    });
    expect(types('Besoins')).toEqual({
      Référence: 'singleLineText',
      Structure: 'multipleRecordLinks',
      Statut: 'singleSelect',
      Éligible: 'checkbox',
      Motifs: 'multilineText',
      Domaines: 'multipleSelects',
      Description: 'multilineText',
      Nature: 'singleSelect',
      Échéance: 'date',
      'Personnes disponibles': 'number',
      'Situation financière': 'singleSelect',
      'Budget prestataire (€)': 'currency',
      'Programme recommandé': 'singleSelect',
      'Autres programmes': 'multipleSelects',
      Canal: 'singleSelect',
      Langue: 'singleSelect',
      Conversation: 'singleLineText',
      Transcript: 'multilineText',
      'Rappel demandé': 'checkbox',
      Consentement: 'dateTime',
      Partenaire: 'singleLineText',
      'Partage partenaire': 'dateTime',
      "Nom dans l'annonce": 'checkbox',
      'Fin de mission': 'date',
      Missions: 'multipleRecordLinks',
      Évaluations: 'multipleRecordLinks',
    });
    expect(types('Missions')).toEqual({
      Titre: 'singleLineText',
      Besoin: 'multipleRecordLinks',
      'Référence besoin': 'singleLineText',
      Structure: 'multilineText',
      Problème: 'multilineText',
      'Déjà essayé': 'multilineText',
      'Résultat attendu': 'multilineText',
      Compétences: 'multipleSelects',
      Format: 'singleLineText',
      Durée: 'singleLineText',
      Territoire: 'singleLineText',
      Échéance: 'date',
      Publiée: 'checkbox',
      'Créée le': 'dateTime',
    });
    expect(types('Évaluations')).toEqual({
      Référence: 'singleLineText',
      Besoin: 'multipleRecordLinks',
      'Référence besoin': 'singleLineText',
      Type: 'singleSelect',
      Satisfaction: 'number',
      'Objectifs atteints': 'singleSelect',
      'Recommandations mises en place': 'multilineText',
      'Ce qui a changé': 'multilineText',
      Recommanderait: 'checkbox',
      'Partage bénévoles': 'checkbox',
      'Autres réponses': 'multilineText',
      'Répondu le': 'dateTime',
    });
    // Besoins' links to its brief and its evaluations are the reverse of theirs.
    expect(fieldOf('Besoins', 'Missions')?.options?.inverseLinkFieldId).toBe(fieldOf('Missions', 'Besoin')?.id);
    expect(fieldOf('Besoins', 'Évaluations')?.options?.inverseLinkFieldId).toBe(fieldOf('Évaluations', 'Besoin')?.id);
    expect(choiceNames('Évaluations', 'Type')).toEqual(['À chaud', 'Moyen terme']);
    expect(choiceNames('Évaluations', 'Objectifs atteints')).toEqual(['Oui', 'En partie', 'Non']);
    const primary = (t: string) => world.fake.table(t).fields.find((f) => f.id === world.fake.table(t).primaryFieldId)?.name;
    expect(primary('Structures')).toBe('Nom');
    expect(primary('Besoins')).toBe('Référence');
    expect(primary('Missions')).toBe('Titre');
    expect(primary('Évaluations')).toBe('Référence');
    // The reverse link is the one Airtable made for Besoins.Structure.
    expect(fieldOf('Structures', 'Besoins')?.options?.inverseLinkFieldId).toBe(fieldOf('Besoins', 'Structure')?.id);

    const stepChoices = (id: string) => {
      const step = flow.stepById.get(id)!;
      return 'choices' in step ? step.choices.map((c) => c.value) : [];
    };
    expect(choiceNames('Structures', 'Forme juridique')).toEqual(stepChoices('legal_form'));
    expect(choiceNames('Structures', 'Causes')).toEqual(stepChoices('causes'));
    expect(choiceNames('Besoins', 'Domaines')).toEqual(stepChoices('domains'));
    expect(choiceNames('Missions', 'Compétences')).toEqual(stepChoices('domains'));
    expect(choiceNames('Besoins', 'Nature')).toEqual(stepChoices('nature'));
    expect(choiceNames('Besoins', 'Situation financière')).toEqual(stepChoices('financial_situation'));
    expect(choiceNames('Structures', 'Territoire')).toEqual([...flow.territories.territories.map((t) => t.name), flow.territories.otherwise]);
    const programmes = [...flow.rules.programmes.map((p) => p.value), flow.rules.fallback.value];
    expect(choiceNames('Besoins', 'Programme recommandé')).toEqual(programmes);
    expect(choiceNames('Besoins', 'Autres programmes')).toEqual(programmes);
    expect(choiceNames('Besoins', 'Statut')).toEqual(['Nouveau', 'En revue', 'Accepté', 'Réorienté', 'Non éligible', 'Clos']);
    expect(choiceNames('Besoins', 'Canal')).toEqual(['Site web', 'Teams', 'Slack', 'Emulator']);
    expect(choiceNames('Besoins', 'Langue')).toEqual(['fr', 'en']);

    expect(report).toMatchObject({ tablesCreated: 4, fieldsCreated: 0, optionsAdded: 0, problems: [] });
    expect(report.lines[0]).toMatch(/^\+ table Structures \(17 fields, primary field Nom\)$/);
    expect(report.lines[1]).toMatch(/^\+ table Besoins \(24 fields, primary field Référence\)$/);
    expect(report.lines[2]).toMatch(/^\+ table Missions \(14 fields, primary field Titre\)$/);
    expect(report.lines[3]).toMatch(/^\+ table Évaluations \(12 fields, primary field Référence\)$/);
    expect(report.lines.at(-1)).toBe('Summary: 4 table(s) created, 0 field(s) added, 0 select option(s) added, 0 problem(s) to review.');
  });

  test('a second run reads the schema and writes nothing', async () => {
    await run();
    const before = world.fake.requests.length;
    const report = await run();
    const again = world.fake.requests.slice(before);
    expect(again.map((r) => r.method)).toEqual(['GET']);
    expect(report).toMatchObject({ tablesCreated: 0, fieldsCreated: 0, optionsAdded: 0, problems: [] });
    expect(report.lines).toEqual(['Nothing to change. Summary: 0 table(s) created, 0 field(s) added, 0 select option(s) added, 0 problem(s) to review.']);
  });

  test('on a half-made base: adds what is missing, reports a wrong type without touching it, twice in a row', async () => {
    const legalForms = (projectFlow().stepById.get('legal_form') as { choices: { value: string }[] }).choices.map((c) => c.value);
    world.fake.createTable({
      name: 'Structures',
      fields: [
        { name: 'Nom', type: 'singleLineText' },
        { name: 'Forme juridique', type: 'singleSelect', options: { choices: legalForms.slice(0, -1).map((name) => ({ name, color: 'blueLight2' })) } },
        { name: 'Ville', type: 'singleLineText' },
        { name: 'Salariés', type: 'singleLineText' },
        { name: 'Notes internes', type: 'multilineText' },
      ],
    });
    const structures = world.fake.table('Structures');
    const salaries = { ...structures.fields.find((f) => f.name === 'Salariés')! };
    const oldChoices = structures.fields.find((f) => f.name === 'Forme juridique')!.options!.choices!.map((c) => ({ ...c }));

    const report = await run();

    const writes = world.fake.writes().map((r) => `${r.method} ${r.path.replace(BASE, 'BASE')} ${r.body?.name ?? ''}`.trim());
    expect(writes[0]).toBe('POST /v0/meta/bases/BASE/tables Besoins');
    const fieldPosts = world.fake.writes().filter((r) => r.method === 'POST' && r.path.endsWith('/fields'));
    expect(fieldPosts.map((r) => r.body.name)).toEqual([
      'RNA',
      'SIREN',
      'Code postal',
      'Territoire',
      'Année de création',
      'Bénévoles',
      'Budget annuel (€)',
      'Causes',
      'Site web',
      'Contact',
      'Email',
      'Téléphone',
      'Clé',
    ]);
    const patch = world.fake.writes().filter((r) => r.method === 'PATCH');
    expect(patch).toHaveLength(1);
    expect(patch[0].path).toBe(`/v0/meta/bases/${BASE}/tables/${structures.id}/fields/${structures.fields[1].id}`);
    // Every existing choice sent back by id (a choice left out would be deleted), then the new one.
    expect(patch[0].body).toEqual({ options: { choices: [...oldChoices, { name: legalForms.at(-1) }] } });
    expect(choiceNames('Structures', 'Forme juridique')).toEqual(legalForms);

    // The wrong type is reported and left alone; so is the staff's own field.
    expect(fieldOf('Structures', 'Salariés')).toEqual(salaries);
    expect(fieldOf('Structures', 'Notes internes')).toBeDefined();
    expect(report.problems).toEqual(['Structures.Salariés is of type singleLineText in Airtable, expected number: left as is (change it in Airtable if that was a mistake).']);
    expect(report.lines).toContain(`+ option(s) Structures.Forme juridique: ${JSON.stringify(legalForms.at(-1))}`);
    expect(report.lines).toContain('+ field Structures.Clé (singleLineText)');
    expect(report.lines.at(-1)).toBe('Summary: 3 table(s) created, 13 field(s) added, 1 select option(s) added, 1 problem(s) to review.');
    expect(fieldOf('Structures', 'Besoins')?.type).toBe('multipleRecordLinks');
    expect(world.fake.writes().some((r) => r.method === 'DELETE')).toBe(false);

    const before = world.fake.requests.length;
    const second = await run();
    expect(world.fake.requests.slice(before).map((r) => r.method)).toEqual(['GET']);
    expect(second.problems).toEqual(report.problems);
    expect(second.lines.at(-1)).toBe('Nothing to change. Summary: 0 table(s) created, 0 field(s) added, 0 select option(s) added, 1 problem(s) to review.');
  });

  test('a table made by hand with the link from the other side: reported, no second link', async () => {
    await run();
    // Staff renamed the link field of Besoins: setup must not make a new relationship.
    const link = world.fake.table('Besoins').fields.find((f) => f.name === 'Structure')!;
    link.name = 'Association';
    const before = world.fake.requests.length;
    const report = await run();
    expect(world.fake.requests.slice(before).map((r) => r.method)).toEqual(['GET']);
    expect(report.problems).toEqual([
      'Besoins.Structure is missing, but Structures.Besoins already links the tables through Besoins.Association: rename that field to "Structure" in Airtable.',
    ]);
  });

  test('a staff edit of dialogs/ (a new domain) reaches the base on the next run', async () => {
    await run();
    const flow = projectFlow();
    const domains = flow.stepById.get('domains') as Extract<Flow['steps'][number], { kind: 'multichoice' }>;
    const edited: Flow = {
      ...flow,
      steps: flow.steps.map((s) =>
        s === domains ? { ...domains, choices: [...domains.choices, { value: 'Cybersécurité', label: { fr: 'Cybersécurité', en: 'Cyber security' } }] } : s,
      ),
    };
    const before = world.fake.requests.length;
    const report = await run(buildBaseSchema(edited));
    // Besoins.Domaines, and the skills a mission seeks (Missions.Compétences, from the same domains).
    expect(world.fake.requests.slice(before).map((r) => r.method)).toEqual(['GET', 'PATCH', 'PATCH']);
    expect(report.optionsAdded).toBe(2);
    expect(choiceNames('Besoins', 'Domaines')?.at(-1)).toBe('Cybersécurité');
    expect(choiceNames('Missions', 'Compétences')?.at(-1)).toBe('Cybersécurité');
  });

  test('when Airtable refuses to edit select options: a warning, the rest goes on', async () => {
    await run();
    world.fake.allowChoiceUpdates = false;
    world.fake.table('Besoins').fields.find((f) => f.name === 'Nature')!.options!.choices!.pop();
    const report = await run();
    expect(report.optionsAdded).toBe(0);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/^could not add option\(s\) "Réalisation technique" to Besoins.Nature \(Airtable INVALID_REQUEST_UNKNOWN: .*typecast/);
  });

  test('a token without the scopes or the base: a 403 surfaces with what to do', async () => {
    world.fake.forbidden = true;
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AirtableApiError);
    expect(err).toMatchObject({ status: 403, type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND' });
    expect(world.fake.requests).toHaveLength(1);
    const help = accessHelp(err as AirtableApiError, BASE)!;
    for (const scope of ['data.records:read', 'data.records:write', 'schema.bases:read', 'schema.bases:write']) expect(help).toContain(scope);
    expect(help).toContain('grant it access to this base');
  });
});
