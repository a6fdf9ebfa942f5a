/**
 * The mails the bot sends (dialogs/mail/<name>.yaml) and the placeholders each may use: flow
 * checks require every template listed here and refuse a placeholder it does not offer (a typo
 * would otherwise send an empty gap). A template not listed here is loaded but unchecked.
 * Whoever sends a new mail adds its template here (see src/mail/mailQueue.ts).
 */
export const MAIL_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  /** The association's copy of its need, once it is complete (src/mail/needCopy.ts). */
  'need-recorded': [
    'reference',
    'contact_name',
    'structure',
    'email',
    'summary',
    'programme',
    'pitch',
    'reasons',
    'notes',
    'others',
    'not_eligible',
    'partner',
    'callback_phone',
    'callback_email',
    'chat_url',
  ],
  /** A call back asked for before the end of the journey: what the team will do (src/mail/needCopy.ts). */
  'callback-requested': ['reference', 'contact_name', 'structure', 'email', 'summary', 'callback_phone', 'callback_email', 'chat_url'],
};

/** `{{#name}}…{{/name}}`: the content only when the value is not empty (non-greedy, so sections of other names may nest). */
export const MAIL_SECTION = /\{\{#\s*(\w+)\s*\}\}([\s\S]*?)\{\{\/\s*\1\s*\}\}/g;
/** `{{name}}`. */
export const MAIL_PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * The names a template text uses (placeholders and sections), and whether its sections are
 * well formed: every `{{#name}}` closed by its `{{/name}}`, nothing else between braces.
 */
export function templateNames(text: string): { names: string[]; wellFormed: boolean } {
  const names = new Set<string>();
  let rest = text;
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(MAIL_SECTION, (_, name: string, inner: string) => {
      names.add(name);
      return inner;
    });
  }
  rest = rest.replace(MAIL_PLACEHOLDER, (_, name: string) => {
    names.add(name);
    return '';
  });
  return { names: [...names], wellFormed: !/\{\{|\}\}/.test(rest) };
}
