/** Parsers are total: whatever a user (or a broken client) sends, they answer without throwing. */
import * as answers from '../../src/answers';
import type { ParseContext, Parsed } from '../../src/answers';

const PARSERS: Record<string, (input: string, ctx: ParseContext) => Parsed<unknown>> = {
  parseCount: answers.parseCount,
  parseAmount: answers.parseAmount,
  parseYear: answers.parseYear,
  parseDeadline: answers.parseDeadline,
  parseYesNo: answers.parseYesNo,
  parsePostcode: answers.parsePostcode,
  parseStructureId: answers.parseStructureId,
  parseEmail: answers.parseEmail,
  parsePhone: answers.parsePhone,
  parseUrl: answers.parseUrl,
  parseText: answers.parseText,
  matchChoices: (input, ctx) =>
    answers.matchChoices(input, [{ value: 'a', synonyms: ['Numérique et outils'] }], {
      multiple: true,
      numbered: true,
      locale: ctx.locale,
    }),
};

const HOSTILE: [string, string][] = [
  ['empty', ''],
  ['blanks', ' \t\n\r '],
  ['quotes', `"'\`«»“”`],
  ['braces', '{}[]()${process.exit(1)}'],
  ['backslashes', '\\\\n\\u0000\\'],
  ['script', '<script>alert("x")</script>'],
  ['sql', "'; DROP TABLE needs; --"],
  ['format string', '%s%n%x%d'],
  ['emoji', '😀👍🏽👩🏽‍💻🇫🇷'],
  ['right-to-left', 'مرحبا بالعالم ١٢٣ שלום'],
  ['bidi override', '\u202E0612345678\u202C'],
  ['control characters', '\u0000\u0007\u001b[31m\u007f\u0085'],
  ['lone surrogate', '\uD83D 12 \uDE00'],
  ['zero-width', '\u200B\u200C\u200D\uFEFF'],
  ['numbers gone wild', '1e309 NaN Infinity -0 0x1F 9007199254740993'],
  ['digits 500', '9'.repeat(500)],
  ['digits then junk', `${'9'.repeat(499)}x`], // once split in exponentially many ways by a regex
  ['hyphenated town', `A${'-a'.repeat(240)}! 75011`],
  ['separators 499', '1 '.repeat(249) + '1'],
  ['dotted 499', 'a.'.repeat(249) + 'a'],
  ['at signs', '@'.repeat(300) + '.fr'],
  ['french words 499', 'une dizaine de '.repeat(33)],
  ['10 kB letters', 'a'.repeat(10_000)],
  ['10 kB emoji', '😀'.repeat(5_000)],
  ['10 kB mixed', 'il y a 5 ans, 06 12 34 56 78, contact@x.fr; '.repeat(250)],
];

const STATUSES = ['value', 'none', 'invalid'];


describe.each(Object.entries(PARSERS))('%s', (name, parse) => {
  test.each(HOSTILE)('%s', (_label, input) => {
    for (const locale of ['fr', 'en'] as const) {
      const ctx = { locale, now: new Date('2026-11-23T12:00:00Z') };
      const result = parse(input, ctx);
      expect(STATUSES).toContain(result.status);
      expect(() => JSON.stringify(result)).not.toThrow();
    }
    // No stopwatch (a busy machine is slow too): a catastrophic backtracking pattern on these
    // inputs runs for minutes, and the test's own timeout below stops it.
  }, 30_000);

  test('non-string input from a broken client', () => {
    for (const input of [undefined, null, 42, {}] as unknown as string[]) {
      expect(parse(input, { locale: 'fr', now: new Date('2026-11-23T12:00:00Z') }).status).toBe('invalid');
    }
  });
});
