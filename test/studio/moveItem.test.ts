import YAML from 'yaml';
import { YamlEditError } from '../../src/journey/yamlText';
import { moveListItem } from '../../src/studio/api/moveItem';
import { repositoryFiles } from '../journey/journeyWorld';

/** Reordering a list in YAML text: every item's bytes and comments travel with it, nothing else moves. */
describe('moveListItem', () => {
  const text = `# Rules, in order of precedence.
programmes:
  # First: the freelance mission.
  - value: A
    name: { fr: "A", en: "A" } # trailing comment

  # Second.
  - value: B
    name: { fr: "B", en: "B" }

  - value: C
    name: { fr: "C", en: "C" }
after: [x, y, z] # kept
`;

  test('moves an item down and up, with its comment lines, keeping the blank lines where they were', () => {
    const down = moveListItem(text, ['programmes'], 0, 2);
    expect(down).toBe(`# Rules, in order of precedence.
programmes:
  # Second.
  - value: B
    name: { fr: "B", en: "B" }

  - value: C
    name: { fr: "C", en: "C" }

  # First: the freelance mission.
  - value: A
    name: { fr: "A", en: "A" } # trailing comment
after: [x, y, z] # kept
`);
    expect(moveListItem(down, ['programmes'], 2, 0)).toBe(text);
  });

  test('a flow list is rewritten on its line, items in their own style; a file without a final newline keeps it so', () => {
    expect(moveListItem(text, ['after'], 2, 0)).toBe(text.replace('after: [x, y, z]', 'after: [z, x, y]'));
    expect(moveListItem('k: [ "x", y ]\n', ['k'], 0, 1)).toBe('k: [ y, "x" ]\n');
    const bare = 'list:\n  - a\n  - b';
    expect(moveListItem(bare, ['list'], 0, 1)).toBe('list:\n  - b\n  - a');
  });

  test('every programme of the repository rules moves, and the file reads back as the same list reordered', () => {
    const rules = repositoryFiles()['dialogs/rules.yaml'];
    const before = YAML.parse(rules);
    const n = before.programmes.length;
    for (let from = 0; from < n; from++) {
      for (let to = 0; to < n; to++) {
        const after = YAML.parse(moveListItem(rules, ['programmes'], from, to));
        const expected = [...before.programmes];
        expected.splice(to, 0, ...expected.splice(from, 1));
        expect(after).toEqual({ ...before, programmes: expected });
      }
    }
  });

  test('refuses what it cannot do, naming why', () => {
    expect(() => moveListItem(text, ['programmes'], 0, 3)).toThrow(new YamlEditError('path_not_found', 'to 3 is outside the list at ["programmes"] (3 items)'));
    expect(() => moveListItem(text, ['nothing'], 0, 1)).toThrow(YamlEditError);
    expect(() => moveListItem(text, ['programmes', 0], 0, 1)).toThrow('no list at ["programmes",0]');
    expect(() => moveListItem('a: [', ['a'], 0, 1)).toThrow(YamlEditError);
  });
});
