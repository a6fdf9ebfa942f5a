/**
 * Strings that break naive escaping, each with what the bot must keep of it. `stored` is the
 * typed string itself, except where answers are cleaned on purpose (src/answers/clean.ts: control
 * characters become spaces, direction overrides are removed). `key` is the structure merge key
 * Airtable receives for it as a name (src/airtable/mapping.ts: letters and digits, lower case),
 * written out by hand so that the test does not reuse the code it checks.
 */
export interface Hostile {
  label: string;
  typed: string;
  stored: string;
  key: string;
  /** What the website question keeps of it when it holds a web address (else it is asked again). */
  url?: string;
  /** Typed after a postcode it is the town, unless it has no letter at all. */
  noTown?: true;
}

const same = (label: string, typed: string, key: string): Hostile => ({ label, typed, stored: typed, key });

export const HOSTILE: Hostile[] = [
  same('quotes', `"quotes" 'single' «guillemets» ‘curly’ \`back\``, 'quotes single guillemets curly back'),
  // adaptivecards-templating expressions and our own {{placeholders}}: must stay text.
  same('template expressions', "{braces} ${expr} {{mustache}} ${$root.x} ${title} ${if(true, 'a', 'b')}", 'braces expr mustache root x title if true a b'),
  same('backslashes', String.raw`\ \\ \n \" \u0041 C:\temp\new`, 'n u0041 c temp new'),
  same('html and script', '<script>alert(1)</script> <b>html</b> <img src=x onerror=alert(1)>', 'script alert 1 script b html b img src x onerror alert 1'),
  // ZWJ families, a flag with a variation selector, skin tones: no letters, so the key is the name itself.
  { ...same('emoji', '👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇫🇷 😀', '👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇫🇷 😀'), noTown: true },
  same('right-to-left', 'مرحبا بالعالم שלום עולם 123', 'مرحبا بالعالم שלום עולם 123'),
  { label: 'direction override', typed: 'abc\u202Edef\u202C ghi', stored: 'abcdef ghi', key: 'abcdef ghi' },
  same('markdown', '*_[x](javascript:alert(1))_* **bold** `code` # title', 'x javascript alert 1 bold code title'),
  same('Airtable formula fragments', `x') , TRUE(), (' "&" & {Nom} = "" & '`, 'x true nom'),
  { ...same('Slack mentions and links', '<!channel> <@U123> <https://evil.example|click>', 'channel u123 https evil example click'), url: 'https://evil.example' },
  { label: 'NUL and control characters', typed: 'a\u0000b\u0007c\u001b[31md\u007fe', stored: 'a b c [31md e', key: 'a b c 31md e' },
];

/** At least `units` UTF-16 code units of `s` repeated (10 kB and more for the long-message probes). */
export const repeatTo = (s: string, units: number): string => s.repeat(Math.ceil(units / s.length));

/** Exactly `n` code points of `s` repeated: one more than the limit is refused, the limit itself is not. */
export const codePoints = (s: string, n: number): string => {
  const unit = [...s];
  return Array.from({ length: n }, (_, i) => unit[i % unit.length]).join('');
};
