import { parse } from 'yaml';
import { FlowError } from '../../src/flow/model';
import { applyDraftEdits, DraftEditError, JourneyDrafts } from '../../src/journey/draft';
import { publishJourney, rollbackJourney, SEED_AUTHOR, seedJourney, UnknownVersionError } from '../../src/journey/publishing';
import { JourneyRegistry } from '../../src/journey/registry';
import { LiveVersionChangedError, StaleDraftError } from '../../src/stores/journeyStore';
import { repositoryFiles, SqliteWorld, withReplaced } from './journeyWorld';

const files = repositoryFiles();
const NAME_QUESTION = ['steps', 0, 'ask', 'fr'] as const;

describe('publish and roll back', () => {
  let world: SqliteWorld;
  beforeEach(() => {
    world = new SqliteWorld();
  });
  afterEach(() => world.remove());

  test("version 1 of a fresh store is the repository's dialogs/ and cards/, once", async () => {
    const store = world.open();
    expect(await seedJourney(store, files)).toBe(1);
    expect(await store.version(1)).toMatchObject({ number: 1, author: SEED_AUTHOR, files });
    expect(await seedJourney(store, withReplaced(files, 'dialogs/calendar.yaml', 'next_cohort_start: "2027-03-01"', 'next_cohort_start: "2027-04-01"'))).toBe(1);
    expect((await store.versions()).length).toBe(1);
  });

  test('an invalid repository journey is not seeded', async () => {
    const store = world.open();
    const broken = withReplaced(files, 'dialogs/rules.yaml', '{ field: years_active, gte: 1 }', '{ field: years_activ, gte: 1 }');
    await expect(seedJourney(store, broken)).rejects.toThrow(FlowError);
    expect(await store.liveVersion()).toBeUndefined();
  });

  test('publish refuses invalid files with every issue, and publishes nothing', async () => {
    const store = world.open();
    await seedJourney(store, files);
    const broken = withReplaced(
      withReplaced(files, 'dialogs/rules.yaml', '{ field: years_active, gte: 1 }', '{ field: years_activ, gte: 1 }'),
      'dialogs/scenarios/rappel-demande.yaml',
      '    Rappel demandé: true',
      '    Rappel: true',
    );
    const result = await publishJourney(store, { ...broken, 'dialogs/../secrets.yaml': 'x: 1' }, 'camille@example.org', 'oops');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => [i.file, i.code, i.path])).toEqual([
      ['dialogs/../secrets.yaml', 'file.unexpected_path', ''],
      ['dialogs/rules.yaml', 'condition.unknown_field', 'eligibility.criteria[1].when'],
      ['dialogs/scenarios/rappel-demande.yaml', 'scenario.unknown_field', 'stored.Besoins.Rappel'],
    ]);
    expect(await store.liveVersion()).toBe(1);
  });

  test('publish makes the next version live, based on the live one; a stale expectation is refused', async () => {
    const store = world.open();
    await seedJourney(store, files);
    const registry = new JourneyRegistry({ store, refreshMs: 3_600_000 });
    await registry.liveVersion();
    const edited = withReplaced(files, 'dialogs/calendar.yaml', 'registrations_close: "09-30"', 'registrations_close: "09-15"');
    const result = await publishJourney(store, edited, 'camille@example.org', 'Clôture au 15 septembre', { expectedLive: 1, registry });
    expect(result).toMatchObject({ ok: true, version: { number: 2, basedOn: 1, author: 'camille@example.org', comment: 'Clôture au 15 septembre' } });
    expect(await registry.liveVersion()).toBe(2);
    expect((await store.version(2))!.files).toEqual(edited);
    await expect(publishJourney(store, files, 'late@example.org', '', { expectedLive: 1 })).rejects.toBeInstanceOf(LiveVersionChangedError);
  });

  test('a rollback is a new version with the old files; history is kept', async () => {
    const store = world.open();
    await seedJourney(store, files);
    const edited = withReplaced(files, 'dialogs/calendar.yaml', 'next_cohort_start: "2027-03-01"', 'next_cohort_start: "2027-04-01"');
    await publishJourney(store, edited, 'a', 'wording');
    const registry = new JourneyRegistry({ store });
    const back = await rollbackJourney(store, 1, 'b', { registry, comment: 'Retour à la version 1' });
    expect(back).toMatchObject({ number: 3, basedOn: 1, author: 'b', comment: 'Retour à la version 1' });
    expect((await store.version(3))!.files).toEqual(files);
    expect(await registry.liveVersion()).toBe(3);
    expect((await store.versions()).map((v) => v.number)).toEqual([1, 2, 3]);
    await expect(rollbackJourney(store, 9, 'b')).rejects.toEqual(new UnknownVersionError(9));
  });
});

describe('the shared draft', () => {
  let world: SqliteWorld;
  let drafts: JourneyDrafts;
  beforeEach(async () => {
    world = new SqliteWorld();
    await seedJourney(world.open(), files);
    drafts = new JourneyDrafts(world.open());
  });
  afterEach(() => world.remove());

  const file = 'dialogs/steps/02-structure.yaml';

  test('with no draft, the view is the live version at revision 0, with no issue', async () => {
    expect(await drafts.view()).toEqual({ files, revision: 0, basedOn: 1, issues: [] });
  });

  test('a form edit changes one line; another instance sees it; a stale write is refused', async () => {
    const first = await drafts.edit([{ op: 'set', file, path: [...NAME_QUESTION], value: 'Comment s’appelle votre structure ?' }], 0, 'camille@example.org');
    expect(first).toMatchObject({ revision: 1, basedOn: 1, updatedBy: 'camille@example.org', issues: [] });
    const before = files[file].split('\n');
    const after = first.files[file].split('\n');
    expect(after.filter((l, i) => l !== before[i])).toEqual(['      fr: "Comment s’appelle votre structure ?"']);

    const other = new JourneyDrafts(world.open());
    expect((await other.view()).files[file]).toBe(first.files[file]);
    await other.edit([{ op: 'set', file, path: ['steps', 0, 'ask', 'en'], value: 'What is your organisation called?' }], 1, 'nadia@example.org');
    await expect(drafts.edit([{ op: 'set', file, path: [...NAME_QUESTION], value: 'x' }], 1, 'camille@example.org')).rejects.toEqual(new StaleDraftError(1, 2));
    expect(parse((await drafts.view()).files[file]).steps[0].ask).toEqual({ fr: 'Comment s’appelle votre structure ?', en: 'What is your organisation called?' });
  });

  test('problems are reported at their field as staff type, and the draft is still saved', async () => {
    const view = await drafts.edit([{ op: 'set', file: 'dialogs/steps/03-eligibility.yaml', path: ['steps', 0, 'when'], value: { field: 'legal_forme', in: ['Autre'] } }], 0, 'a');
    expect(view.revision).toBe(1);
    expect(view.issues).toEqual([expect.objectContaining({ file: 'dialogs/steps/03-eligibility.yaml', path: 'steps[0].when', code: 'condition.unknown_field', params: expect.objectContaining({ field: 'legal_forme' }), line: expect.any(Number) })]);
  });

  test('edits apply all or none, and only to journey YAML files by path', () => {
    const good = { op: 'set', file, path: [...NAME_QUESTION], value: 'ok' } as const;
    expect(() => applyDraftEdits(files, [good, { op: 'delete', file, path: ['steps', 99] }])).toThrow(expect.objectContaining({ code: 'path_not_found' }));
    expect(() => applyDraftEdits(files, [{ op: 'set', file: 'cards/summary.json', path: ['type'], value: 'x' }])).toThrow(expect.objectContaining({ code: 'not_yaml' }));
    expect(() => applyDraftEdits(files, [{ op: 'replace', file: '../etc/passwd', text: 'x' }])).toThrow(expect.objectContaining({ code: 'not_a_journey_file' }));
    expect(() => applyDraftEdits(files, [{ op: 'set', file: 'dialogs/nope.yaml', path: ['a'], value: 1 }])).toThrow(DraftEditError);
    // Whole files: replace (or create) and remove.
    const next = applyDraftEdits(files, [
      { op: 'replace', file: 'cards/summary.json', text: '{"type": "AdaptiveCard"}' },
      { op: 'remove', file: 'dialogs/scenarios/rappel-demande.yaml' },
      { op: 'insert', file: 'dialogs/steps/03-eligibility.yaml', path: ['steps', 1, 'choices'], value: { value: 'Inconnue', label: { fr: 'Je ne sais pas', en: 'I do not know' } } },
    ]);
    expect(next['cards/summary.json']).toBe('{"type": "AdaptiveCard"}');
    expect(next).not.toHaveProperty(['dialogs/scenarios/rappel-demande.yaml']);
    expect(parse(next['dialogs/steps/03-eligibility.yaml']).steps[1].choices).toHaveLength(4);
  });

  test('publishing the draft: refused while invalid (the draft stays), then published and cleared', async () => {
    const broken = await drafts.edit([{ op: 'set', file: 'dialogs/rules.yaml', path: ['eligibility', 'criteria', 1, 'when', 'field'], value: 'years_activ' }], 0, 'a');
    const refused = await drafts.publish(broken.revision, 'a', 'try');
    expect(refused).toMatchObject({ ok: false, issues: [expect.objectContaining({ code: 'condition.unknown_field' })] });
    expect((await drafts.view()).revision).toBe(1);

    const fixed = await drafts.edit([{ op: 'set', file: 'dialogs/rules.yaml', path: ['eligibility', 'criteria', 1, 'when', 'field'], value: 'years_active' }], 1, 'a');
    await expect(drafts.publish(1, 'a', 'stale')).rejects.toBeInstanceOf(StaleDraftError);
    const published = await drafts.publish(fixed.revision, 'a', 'fixed');
    expect(published).toMatchObject({ ok: true, version: { number: 2, basedOn: 1 } });
    expect(await drafts.view()).toMatchObject({ revision: 0, basedOn: 2 });
  });

  test('a draft based on a version no longer live must be rebased before it is published', async () => {
    const draft = await drafts.edit([{ op: 'set', file, path: [...NAME_QUESTION], value: 'Nom ?' }], 0, 'a');
    await publishJourney(world.open(), withReplaced(files, 'dialogs/calendar.yaml', 'next_cohort_start: "2027-03-01"', 'next_cohort_start: "2027-04-01"'), 'cli', 'from git');
    await expect(drafts.publish(draft.revision, 'a', '')).rejects.toEqual(new LiveVersionChangedError(1, 2));
    const rebased = await drafts.rebase(draft.revision, 'a');
    expect(rebased).toMatchObject({ basedOn: 2, revision: 2 });
    expect(await drafts.publish(2, 'a', '')).toMatchObject({ ok: true, version: { number: 3, basedOn: 2 } });
  });

  test('discard', async () => {
    await drafts.edit([{ op: 'set', file, path: [...NAME_QUESTION], value: 'Nom ?' }], 0, 'a');
    await expect(drafts.discard(0)).rejects.toBeInstanceOf(StaleDraftError);
    await drafts.discard(1);
    expect(await drafts.view()).toMatchObject({ files, revision: 0 });
  });
});
