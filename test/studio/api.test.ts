import { loadStudioTexts } from '../../src/journey/studioTexts';
import { StudioClient, StudioServer } from './support/studioWorld';

/**
 * The studio's API on the real server (restify, the studio's door, SQLite journey store):
 * signing in with the printed link, reading the journey, editing the draft with form operations
 * and whole files, validation at the field, and the door's answers (401, 403, 409).
 */
describe('studio API: the journey and its draft', () => {
  const server = new StudioServer();
  let staff: StudioClient;
  beforeAll(async () => {
    await server.start();
    staff = await server.signIn();
  }, 90_000);
  afterAll(() => server.stop());

  const journey = async () => {
    const answer = await staff.get('/studio/api/journey');
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const indexOf = (parsed: any, id: string) => parsed.steps.findIndex((s: { id: string }) => s.id === id);

  test('me: who is signed in, the CSRF token, the language (French first, ?lang=en remembered by the session)', async () => {
    const me = await staff.get('/studio/api/me');
    expect(me.body).toEqual({ staff: { id: 'local:local', name: 'local' }, csrfToken: staff.csrf, lang: 'fr' });
    const other = await server.signIn();
    expect((await other.get('/studio/api/me?lang=en')).body.lang).toBe('en');
    expect((await other.get('/studio/api/me')).body.lang).toBe('en');
    expect((await other.get('/studio/api/me?lang=fr')).body.lang).toBe('fr');
  });

  test('ui-texts: every text of studio/texts.yaml in fr and en, the sign-in pages and the map included', async () => {
    const texts = await staff.get('/studio/api/ui-texts');
    expect(texts.body).toEqual(loadStudioTexts());
    expect(texts.body['auth.signin.heading']).toEqual({ fr: 'Connexion au studio', en: 'Sign in to the studio' });
    expect(texts.body['map.asked_only_if'].fr).toContain('{{condition}}');
  });

  test('schemas: JSON Schemas of the flow parts, from the zod schemas flow:check uses', async () => {
    const { body } = await staff.get('/studio/api/schemas');
    expect(Object.keys(body).sort()).toEqual(['calendar', 'choice', 'condition', 'criterion', 'ending', 'fallback', 'programme', 'settings', 'step', 'text']);
    expect(body.text).toMatchObject({ type: 'object', required: ['fr', 'en'], additionalProperties: false });
    // A step is one of its kinds; an id is lower-case letters, digits and _.
    const kinds = body.step.oneOf.map((s: any) => s.properties.kind.const).sort();
    expect(kinds).toEqual(['amount', 'choice', 'count', 'deadline', 'email', 'multichoice', 'phone', 'postcode', 'structure_id', 'text', 'url', 'year', 'yesno']);
    expect(body.step.oneOf[0].properties.id.pattern).toBe('^[a-z][a-z0-9_]*$');
    // Input shapes: a value with a default may be left out.
    expect(body.settings.required).not.toContain('max_attempts');
    expect(JSON.stringify(body.condition)).toContain('contains_any');
  });

  test('GET journey: the live version, and the draft (the live files while nobody edited) with its map and no issue', async () => {
    const { live, draft } = await journey();
    expect(live).toMatchObject({ number: 1, author: 'repository' });
    expect(draft.revision).toBe(0);
    expect(draft.basedOn).toBe(1);
    expect(draft.issues).toEqual([]);
    expect(Object.keys(draft.files)).toContain('dialogs/steps/02-structure.yaml');
    expect(draft.parsed['dialogs/steps/02-structure.yaml'].steps[0].id).toBe('name');
    const budget = draft.graph.nodes.find((n: any) => n.id === 'provider_budget');
    expect(budget).toMatchObject({ kind: 'question', file: 'dialogs/steps/04-needs.yaml', section: 'section:04-needs.yaml', label: { fr: 'Budget pour un prestataire' } });
    expect(budget.when.fr).toBe('Posée seulement si Nature du besoin est « Réalisation technique » ou Domaines comprend « Numérique et outils »');
    expect(budget.when.en).toMatch(/^Asked only if .+ is "Technical project" or .+ includes "Digital tools"$/);
    // The consent branch, in words.
    expect(draft.graph.edges).toContainEqual({ from: 'consent', to: 'ending:consent_refused', kind: 'branch', label: { fr: 'si Consentement est non', en: 'if Consent is no' } });
  });

  test('PATCH a question wording: one line of the YAML changes, the answer carries the changed file, the issues and the map', async () => {
    const before = await journey();
    const file = 'dialogs/steps/02-structure.yaml';
    const patched = await staff.send('PATCH', '/studio/api/draft', {
      revision: before.draft.revision,
      ops: [{ op: 'set', file, path: ['steps', 0, 'ask', 'fr'], value: 'Pour commencer, quel est le nom de votre structure ?' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.revision).toBeGreaterThan(before.draft.revision);
    expect(Object.keys(patched.body.files)).toEqual([file]);
    expect(patched.body.parsed[file].steps[0].ask.fr).toBe('Pour commencer, quel est le nom de votre structure ?');
    expect(patched.body.issues).toEqual([]);
    expect(patched.body.graph.nodes.length).toBe(before.draft.graph.nodes.length);
    const oldLines = before.draft.files[file].split('\n');
    const newLines = patched.body.files[file].split('\n');
    expect(newLines).toHaveLength(oldLines.length);
    const changed = newLines.filter((line: string, i: number) => line !== oldLines[i]);
    expect(changed).toEqual(['      fr: "Pour commencer, quel est le nom de votre structure ?"']);

    const after = await journey();
    expect(after.draft).toMatchObject({ revision: patched.body.revision, basedOn: 1, updatedBy: 'local' });
    expect(after.draft.files[file]).toBe(patched.body.files[file]);
  });

  test('a broken condition: an issue at that field, worded in French and English; the draft is saved all the same', async () => {
    const { draft } = await journey();
    const file = 'dialogs/steps/04-needs.yaml';
    const i = indexOf(draft.parsed[file], 'provider_budget');
    const broken = await staff.send('PATCH', '/studio/api/draft', { revision: draft.revision, ops: [{ op: 'set', file, path: ['steps', i, 'when', 'any', 0, 'field'], value: 'naturre' }] });
    expect(broken.status).toBe(200);
    const issue = broken.body.issues.find((x: any) => x.code === 'condition.unknown_field');
    expect(issue).toMatchObject({ file, path: ['steps', i, 'when'], params: { field: 'naturre' }, severity: 'error' });
    expect(issue.message.fr).toMatch(/^Champ inconnu « naturre » dans cette condition\. Champs possibles : /);
    expect(issue.message.en).toMatch(/^Unknown field "naturre" in this condition\. Possible fields: /);
    expect(issue.line).toBeGreaterThan(1);
    // The map still draws it, naming the unknown field as written.
    const node = broken.body.graph.nodes.find((n: any) => n.id === 'provider_budget');
    expect(node.when.fr).toContain('naturre est « Réalisation technique »');

    const fixed = await staff.send('PATCH', '/studio/api/draft', { revision: broken.body.revision, ops: [{ op: 'set', file, path: ['steps', i, 'when', 'any', 0, 'field'], value: 'nature' }] });
    expect(fixed.body.issues).toEqual([]);
  });

  test('move (precedence of programme rules) keeps each rule with its comments; the YAML view replaces a file; create and delete files', async () => {
    const { draft } = await journey();
    const rules = 'dialogs/rules.yaml';
    const values = (parsed: any) => parsed.programmes.map((p: { value: string }) => p.value);
    const moved = await staff.send('PATCH', '/studio/api/draft', { revision: draft.revision, ops: [{ op: 'move', file: rules, path: ['programmes'], from: 0, to: 2 }] });
    expect(moved.status).toBe(200);
    expect(values(moved.body.parsed[rules])).toEqual(['Probono Booster', 'Probono Explorers', 'Mission freelance', 'Probono Factory']);
    const text: string = moved.body.files[rules];
    // The freelance rule's comment travelled with it, and the file keeps its length.
    expect(text.indexOf('# A digital delivery (site, CRM, automation) with a budget')).toBeGreaterThan(text.indexOf('- value: Probono Explorers'));
    expect(text.split('\n')).toHaveLength(draft.files[rules].split('\n').length);
    // The map lists the programmes in their new order of precedence.
    const order = moved.body.graph.nodes.filter((n: any) => n.kind === 'programme').map((n: any) => n.id);
    expect(order).toEqual(['programme:Probono Booster', 'programme:Probono Explorers', 'programme:Mission freelance', 'programme:Probono Factory']);

    const viewed = await staff.send('PATCH', '/studio/api/draft', {
      revision: moved.body.revision,
      ops: [
        { op: 'replaceFile', file: rules, text: draft.files[rules] },
        { op: 'createFile', file: 'dialogs/scenarios/brouillon.yaml', text: 'name: brouillon\n' },
      ],
    });
    expect(viewed.status).toBe(200);
    expect(viewed.body.files[rules]).toBe(draft.files[rules]);
    const scenarioIssue = viewed.body.issues.find((x: any) => x.file === 'dialogs/scenarios/brouillon.yaml');
    expect(scenarioIssue).toMatchObject({ code: 'schema.required' });
    const removed = await staff.send('PATCH', '/studio/api/draft', { revision: viewed.body.revision, ops: [{ op: 'deleteFile', file: 'dialogs/scenarios/brouillon.yaml' }] });
    expect(removed.body.files).toEqual({ 'dialogs/scenarios/brouillon.yaml': null });
    expect(removed.body.issues).toEqual([]);
  });

  test('an operation that cannot apply: 400 naming it, nothing written', async () => {
    const { draft } = await journey();
    const bad = await staff.send('PATCH', '/studio/api/draft', {
      revision: draft.revision,
      ops: [
        { op: 'set', file: 'dialogs/flow.yaml', path: ['settings', 'max_attempts'], value: 4 },
        { op: 'delete', file: 'dialogs/flow.yaml', path: ['endings', 'nowhere'] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^ops\[1\]: delete dialogs\/flow\.yaml at \["endings","nowhere"\]: /);
    expect((await journey()).draft.revision).toBe(draft.revision);

    const escape = await staff.send('PATCH', '/studio/api/draft', { revision: draft.revision, ops: [{ op: 'createFile', file: 'dialogs/../../etc/x.yaml', text: 'a: 1' }] });
    expect(escape.status).toBe(400);
    expect(escape.body.error).toMatchObject({ code: 'not_a_journey_file' });

    const shape = await staff.send('PATCH', '/studio/api/draft', { revision: draft.revision, ops: [{ op: 'set', file: 'dialogs/flow.yaml', path: ['settings'] }] });
    expect(shape.status).toBe(400);
    expect(shape.body.error.message).toBe('ops.0.value: required');
    const typo = await staff.send('PATCH', '/studio/api/draft', { revision: 'one', ops: [] });
    expect(typo.body.error.message).toMatch(/^revision: .*; ops: /);
  });

  test('409 stale: a write made on an older revision changes nothing and says the current one', async () => {
    const { draft } = await journey();
    const edit = (revision: number, value: string) =>
      staff.send('PATCH', '/studio/api/draft', { revision, ops: [{ op: 'set', file: 'dialogs/calendar.yaml', path: ['booster', 'next_cohort_start'], value }] });
    const first = await edit(draft.revision, '2027-04-01');
    expect(first.status).toBe(200);
    const late = await edit(draft.revision, '2027-05-01');
    expect(late.status).toBe(409);
    expect(late.body).toEqual({ error: 'stale', revision: first.body.revision });
    expect((await journey()).draft.parsed['dialogs/calendar.yaml'].booster.next_cohort_start).toBe('2027-04-01');
    const stalePublish = await staff.send('POST', '/studio/api/publish', { revision: draft.revision, comment: 'x', confirm: [] });
    expect(stalePublish.body).toEqual({ error: 'stale', revision: first.body.revision });
  });

  test('reset: the draft becomes the live version again', async () => {
    const { draft } = await journey();
    const reset = await staff.send('POST', '/studio/api/draft/reset', { revision: draft.revision });
    expect(reset.status).toBe(200);
    expect(reset.body.revision).toBe(0);
    const { draft: now } = await journey();
    expect(now.revision).toBe(0);
    const live = await staff.get('/studio/api/versions/1');
    expect(now.files).toEqual(live.body.files);
  });

  test('401 without a session, 403 without the CSRF token or from another site; the try Direct Line needs its bearer token instead', async () => {
    const stranger = new StudioClient(server.url);
    const anonymous = await stranger.get('/studio/api/journey');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    expect((await stranger.send('PATCH', '/studio/api/draft', { revision: 0, ops: [] })).status).toBe(401);

    const noToken = await staff.send('PATCH', '/studio/api/draft', { revision: 0, ops: [] }, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('csrf');
    const elsewhere = await staff.send('POST', '/studio/api/publish', { revision: 0 }, { origin: 'https://evil.example' });
    expect(elsewhere.status).toBe(403);
    // The try's Direct Line takes a bearer token instead, never nothing.
    const dl = await staff.send('POST', '/studio/try/directline/conversations', {}, { 'x-csrf-token': '' });
    expect(dl.status).toBe(403);
    expect(dl.body.error.message).toMatch(/^no Authorization: Bearer header/);
    const dlElsewhere = await staff.send('POST', '/studio/try/directline/conversations', {}, { 'x-csrf-token': '', authorization: 'Bearer x', origin: 'https://evil.example' });
    expect(dlElsewhere.status).toBe(403);
    expect(dlElsewhere.body.error.message).toMatch(/^Origin is not this server/);
  });
});
