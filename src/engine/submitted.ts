import { cleanInput } from '../answers/clean';
import { COMMANDS, type CommandName } from '../flow/schema';
import type { Command } from './commands';

/** An Adaptive Card `Action.Submit` payload (or a Slack button click), as the engine reads it. */
export interface Submitted {
  answer?: unknown;
  /** The question a card was sent for: a click on an older card must not answer the current one. */
  step?: string;
  command?: string;
  field?: string;
}

/** Only the keys and shapes we read: anything else a channel delivers is ignored. */
export function asSubmitted(value: unknown): Submitted | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  // Strings are cleaned like typed text: the field name may be echoed back ("« … » introuvable").
  const text = (x: unknown) => (typeof x === 'string' ? cleanInput(x) : undefined);
  return {
    // Option positions only: an element such as {"toString": "0"} cannot even be turned into a string.
    answer:
      typeof v.answer === 'string'
        ? cleanInput(v.answer)
        : Array.isArray(v.answer)
          ? v.answer.filter((x) => typeof x === 'string' || typeof x === 'number').map((x) => cleanInput(String(x)))
          : undefined,
    step: text(v.step),
    command: text(v.command),
    field: text(v.field),
  };
}

export function commandFromCard(s: Submitted): Command | undefined {
  const name = s.command as CommandName;
  return (COMMANDS as readonly string[]).includes(name) ? { name, argument: s.field } : undefined;
}
