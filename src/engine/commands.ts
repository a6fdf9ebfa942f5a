import { foldText, matchChoices } from '../answers';
import type { Locale } from '../answers/types';
import { type Flow, fieldOf } from '../flow/model';
import { COMMANDS, type CommandName, type Step } from '../flow/schema';

export interface Command {
  name: CommandName;
  /** What follows "modifier": the name of an answer. */
  argument?: string;
}

/** Folded, punctuation-free form used to compare a message with command words. */
export function commandKey(text: string): string {
  const folded = foldText(text).replace(/[’`]/g, "'");
  if (folded.trim() === '?') return '?';
  return folded.replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** "le nom", "mon email": the article is not part of the answer's name. */
const ARTICLE = /^(l'|la |le |les |mon |ma |mes |notre |nos |the |my |our )/;

/** Command words, fillers and "modifier" prefixes, folded once per flow (folding is most of a turn's command check). */
interface CommandTable {
  whole: Map<string, CommandName>;
  fillersBefore: string[];
  fillersAfter: string[];
  editPrefixes: string[];
}

const tables = new WeakMap<Flow, CommandTable>();
function table(flow: Flow): CommandTable {
  let t = tables.get(flow);
  if (!t) {
    const keys = (list: { fr: string[]; en: string[] }) => [...list.fr, ...list.en].map(commandKey);
    const whole = new Map<string, CommandName>();
    for (const name of COMMANDS) for (const key of keys(flow.commands[name].words)) if (!whole.has(key)) whole.set(key, name);
    t = {
      whole,
      fillersBefore: keys(flow.commands.fillers.before).filter(Boolean),
      fillersAfter: keys(flow.commands.fillers.after).filter(Boolean),
      editPrefixes: keys(flow.commands.edit.words).map((k) => `${k} `),
    };
    tables.set(flow, t);
  }
  return t;
}

/**
 * A message is a command only when it is one of the command's words as a whole, so an answer
 * that merely contains "aide" or "stop" stays an answer. "modifier <answer>" takes an argument.
 */
export function detectCommand(flow: Flow, text: string): Command | undefined {
  const key = commandKey(text);
  if (!key) return undefined;
  const t = table(flow);
  for (const candidate of withoutFillers(t, key)) {
    const whole = t.whole.get(candidate);
    if (whole) return { name: whole };
  }
  for (const prefix of t.editPrefixes) {
    if (key.startsWith(prefix)) return { name: 'edit', argument: key.slice(prefix.length).replace(ARTICLE, '') };
  }
  return undefined;
}

/** The message, then the message without the politeness staff listed around commands. */
function withoutFillers(t: CommandTable, key: string): string[] {
  let core = key;
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of t.fillersBefore) {
      if (core.startsWith(`${f} `)) {
        core = core.slice(f.length + 1);
        changed = true;
      }
    }
    for (const f of t.fillersAfter) {
      if (core.endsWith(` ${f}`)) {
        core = core.slice(0, -f.length - 1);
        changed = true;
      }
    }
  }
  return core === key ? [key] : [key, core];
}

/** Steps the user may edit by name. */
export const editableSteps = (flow: Flow): Step[] => flow.steps.filter((s) => s.summary !== false);

/** Finds the question a user names ("email", "budget", "le nom"), by label, alias or field. */
export function findStepByName(flow: Flow, name: string, lang: Locale, among: Step[] = editableSteps(flow)): Step | undefined {
  const byId = among.find((s) => s.id === name || fieldOf(s) === name);
  if (byId) return byId;
  const names = (s: Step) => [s.label.fr, s.label.en, fieldOf(s).replace(/_/g, ' '), ...(s.aliases?.fr ?? []), ...(s.aliases?.en ?? [])];
  // "le nom", "mon email": an exact name wins over a fuzzy match ("nom" is the structure's, not the contact's).
  const key = commandKey(name).replace(ARTICLE, '');
  const exact = among.find((s) => names(s).some((n) => commandKey(n) === key));
  if (exact) return exact;
  const options = among.map((s) => ({ value: s.id, synonyms: names(s) }));
  const r = matchChoices(key, options, { multiple: false, numbered: false, locale: lang });
  return r.status === 'value' ? among.find((s) => s.id === r.value[0]) : undefined;
}
