import { BUTTON_TEXT_KEYS } from '../engine/textKeys';
import type { IssueCode } from './issueCodes';
import { issue } from './issues';
import { type CodedFlowIssue, type Flow, type IssueParams, fieldOf } from './model';
import { parsePlurals } from './plural';
import type { Step, Text } from './schema';

/**
 * What can be checked mechanically in the wording of every text, in both languages: French
 * typography (no-break spaces), a value inserted after "de", "le" or "que", a blank text, a text
 * left the same in both languages, two buttons worded alike, a malformed plural. Only a blank
 * text or a malformed plural blocks the journey; the others are warnings for staff to read.
 */

const NO_BREAK = /[\u00a0\u202f]/;
/** The kinds whose answer is written as a number: "de {{value}}" is then good French ("de 150 000 €"). */
const NUMERIC_KINDS = new Set<Step['kind']>(['count', 'amount', 'year']);
/** Words after which French cannot take a typed name as it is (no elision, no contraction). */
const ARTICLE_BEFORE_VALUE = /(?:^|[\s(«\u00a0\u202f])(de|le|que|d['’]|l['’]|qu['’])\s*\{\{\s*([\w.]+)\s*\}\}/gi;

interface Located {
  file: string;
  path: string;
  text: Text;
  /** Placeholders that are numbers here. */
  numeric: ReadonlySet<string>;
}

export function checkTexts(flow: Flow, dialogsDir: string): CodedFlowIssue[] {
  const issues: CodedFlowIssue[] = [];
  const texts = journeyTexts(flow, dialogsDir);
  for (const t of texts) {
    const report = (code: IssueCode, message: string, params: IssueParams, lang?: 'fr' | 'en', warning = true) =>
      issues.push({ ...issue(t.file, lang ? `${t.path}.${lang}` : t.path, code, message, params), ...(warning ? { severity: 'warning' as const } : {}) });
    for (const lang of ['fr', 'en'] as const) {
      const s = t.text[lang];
      if (!s.trim()) report('text.blank', `the ${lang} text is blank`, { lang }, lang, false);
      const plural = parsePlurals(s);
      if (plural.error) report('text.bad_plural', plural.error, { lang, detail: plural.error }, lang, false);
    }
    frenchTypography(t.text.fr, (code, message, params) => report(code, message, params, 'fr'));
    for (const m of t.text.fr.matchAll(ARTICLE_BEFORE_VALUE)) {
      if (t.numeric.has(m[2])) continue;
      const word = m[1].toLowerCase().replace('’', "'");
      report('text.value_after_article', `{{${m[2]}}} follows "${word}": a typed name would read "${word} Les Jardins", "de Asso"; reword so no value follows it`, { name: m[2], word }, 'fr');
    }
    const words = t.text.fr.replace(/\{\{[^}]*\}\}/g, ' ').match(/\p{L}+/gu) ?? [];
    if (t.text.fr.trim() === t.text.en.trim() && words.length >= 3) {
      report('text.same_in_both_languages', 'the French and English texts are the same: one of them is probably not translated', {});
    }
  }
  issues.push(...sameButtonLabels(flow, dialogsDir));
  return issues;
}

type Report = (code: IssueCode, message: string, params: IssueParams) => void;

/** A no-break space (U+00A0 or the narrow U+202F) before ? ! : ; and inside « », and in "2 000", "9 h", "150 k€". */
export function frenchTypography(text: string, report: Report): void {
  const plain = text.replace(/\{\{[^}]*\}\}/g, (p) => 'x'.repeat(p.length));
  const excerpt = (i: number, after = 0) => {
    const from = Math.max(0, i - 18);
    const s = text.slice(from, i + 1 + after);
    // Cut at a word: "…vous ?" rather than "us ?".
    return (from > 0 ? s.replace(/^\S*\s/, '…') : s).trim();
  };
  for (const m of plain.matchAll(/[?!:;]/g)) {
    const i = m.index!;
    const next = plain.slice(i + 1, i + 3);
    // URLs ("https://") and times ("18:00") keep their colon tight.
    if (m[0] === ':' && (next.startsWith('//') || /^\d/.test(next))) continue;
    // "?!", "…?" in a row: the space goes before the first one only.
    if (i > 0 && /[?!]/.test(plain[i - 1])) continue;
    if (i === 0 || NO_BREAK.test(plain[i - 1])) continue;
    report('text.no_break_space_before', `French puts a no-break space before "${m[0]}" ("${excerpt(i)}"): a plain space lets it wrap alone onto the next line`, { mark: m[0], excerpt: excerpt(i) });
  }
  for (const m of plain.matchAll(/«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»/g)) {
    const at = excerpt(m.index!, m[0] === '«' ? 12 : 0);
    report('text.no_break_space_quotes', `French puts a no-break space inside « » ("${at}")`, { excerpt: at });
  }
  for (const m of plain.matchAll(/(?<=\d) (?=\d{3}(?!\d)|h\b|k€|€|%)/g)) {
    const i = m.index!;
    const start = plain.slice(0, i).search(/[\d\u00a0\u202f]*$/);
    const at = text.slice(start, i + 1 + /^[^\s,.;:!?)»]*/.exec(plain.slice(i + 1))![0].length);
    report('text.no_break_space_number', `a number and what follows it stay on one line: use a no-break space in "${at}"`, { excerpt: at });
  }
}

/** Every text of the journey with where it is written. */
function journeyTexts(flow: Flow, dialogsDir: string): Located[] {
  const file = (name: string) => `${dialogsDir}/${name}`;
  const numericFields = new Set(flow.steps.filter((s) => NUMERIC_KINDS.has(s.kind)).map(fieldOf));
  for (const [name, d] of Object.entries(flow.derived)) if (d.kind === 'years_since') numericFields.add(name);
  const out: Located[] = [];
  const add = (f: string, path: string, text: Text | undefined, numeric: ReadonlySet<string> = numericFields) => {
    if (text) out.push({ file: f, path, text, numeric });
  };
  const inTexts = new Set([...numericFields, 'year', 'count']);
  for (const [key, text] of Object.entries(flow.texts)) add(file('texts.yaml'), key, text, inTexts);
  for (const [id, ending] of Object.entries(flow.endings)) add(file('flow.yaml'), `endings.${id}.text`, ending.text);
  for (const section of flow.sections) {
    const f = file(section.file);
    add(f, 'section', section.title);
    section.steps.forEach((step, i) => {
      const numeric = NUMERIC_KINDS.has(step.kind) ? new Set([...numericFields, 'value', 'count']) : numericFields;
      for (const key of ['label', 'ask', 'callback_ask', 'why', 'retry', 'noted', 'noted_approx'] as const) add(f, `steps[${i}].${key}`, step[key], numeric);
      if ('choices' in step) step.choices.forEach((c, j) => add(f, `steps[${i}].choices[${j}].label`, c.label));
    });
  }
  const rules = file('rules.yaml');
  flow.rules.eligibility.criteria.forEach((c, i) => {
    add(rules, `eligibility.criteria[${i}].met`, c.met);
    add(rules, `eligibility.criteria[${i}].unmet`, c.unmet);
  });
  flow.rules.programmes.forEach((p, i) => {
    add(rules, `programmes[${i}].name`, p.name);
    add(rules, `programmes[${i}].pitch`, p.pitch);
    p.conditions.forEach((c, j) => add(rules, `programmes[${i}].conditions[${j}].because`, c.because));
  });
  add(rules, 'fallback.name', flow.rules.fallback.name);
  add(rules, 'fallback.pitch', flow.rules.fallback.pitch);
  flow.calendar.explorers.themes.forEach((t, i) => add(file('calendar.yaml'), `explorers.themes[${i}].theme`, t.theme));
  return out;
}

const buttonKey = (label: string) => label.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/**
 * Two buttons worded alike that do different things: the global buttons of texts.yaml among
 * themselves, a question's options among themselves, and an option beside the buttons shown
 * with it ("Passer" on an optional question, "Oui" with a suggestion).
 */
function sameButtonLabels(flow: Flow, dialogsDir: string): CodedFlowIssue[] {
  const issues: CodedFlowIssue[] = [];
  const warn = (file: string, path: string, label: string, other: string) =>
    issues.push({
      ...issue(file, path, 'text.same_button_label', `the button "${label}" is worded like ${other}: people cannot tell what each one does`, { label, other }),
      severity: 'warning',
    });
  const texts = `${dialogsDir}/texts.yaml`;
  for (const lang of ['fr', 'en'] as const) {
    const seen = new Map<string, string>();
    for (const key of BUTTON_TEXT_KEYS) {
      const label = flow.texts[key]?.[lang];
      if (!label) continue;
      const owner = seen.get(buttonKey(label));
      if (owner) warn(texts, `${key}.${lang}`, label, `"${owner}"`);
      else seen.set(buttonKey(label), key);
    }
    for (const section of flow.sections) {
      section.steps.forEach((step, i) => {
        if (!('choices' in step)) return;
        const beside = new Map<string, string>();
        if (step.optional && flow.texts.skip_button) beside.set(buttonKey(flow.texts.skip_button[lang]), '"skip_button"');
        if (step.kind === 'multichoice' && step.suggest_from && flow.texts.yes) beside.set(buttonKey(flow.texts.yes[lang]), '"yes"');
        step.choices.forEach((c, j) => {
          const owner = beside.get(buttonKey(c.label[lang]));
          if (owner) warn(`${dialogsDir}/${section.file}`, `steps[${i}].choices[${j}].label.${lang}`, c.label[lang], owner);
          else beside.set(buttonKey(c.label[lang]), `the option "${c.value}"`);
        });
      });
    }
  }
  return issues;
}
