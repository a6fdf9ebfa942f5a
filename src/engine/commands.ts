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

/** Command words, folded once per flow. */
const tables = new WeakMap<Flow, Map<string, CommandName>>();
function table(flow: Flow): Map<string, CommandName> {
  let t = tables.get(flow);
  if (!t) {
    t = new Map();
    for (const name of COMMANDS) {
      const words = flow.commands[name];
      for (const w of [...words.fr, ...words.en]) if (!t.has(commandKey(w))) t.set(commandKey(w), name);
    }
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
  const whole = table(flow).get(key);
  if (whole) return { name: whole };
  for (const word of [...flow.commands.edit.fr, ...flow.commands.edit.en]) {
    const prefix = `${commandKey(word)} `;
    if (key.startsWith(prefix)) return { name: 'edit', argument: key.slice(prefix.length).replace(/^(l'|la |le |les |mon |ma |mes |the |my )/, '') };
  }
  return undefined;
}

/** Steps the user may edit by name. */
export const editableSteps = (flow: Flow): Step[] => flow.steps.filter((s) => s.summary !== false);

/** Finds the question a user names ("email", "budget", "le nom"), by label, alias or field. */
export function findStepByName(flow: Flow, name: string, lang: Locale, among: Step[] = editableSteps(flow)): Step | undefined {
  const exact = among.find((s) => s.id === name || fieldOf(s) === name);
  if (exact) return exact;
  const options = among.map((s) => ({
    value: s.id,
    synonyms: [s.label.fr, s.label.en, fieldOf(s).replace(/_/g, ' '), ...(s.aliases?.fr ?? []), ...(s.aliases?.en ?? [])],
  }));
  const r = matchChoices(name, options, { multiple: false, numbered: false, locale: lang });
  return r.status === 'value' ? among.find((s) => s.id === r.value[0]) : undefined;
}
