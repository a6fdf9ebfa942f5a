import type { Locale } from '../answers/types';
import { MAIL_PLACEHOLDER, MAIL_SECTION } from '../flow/mailTemplates';
import type { MailTemplate } from '../flow/schema';
import type { MailVars } from './mailQueue';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * A template of dialogs/mail/ filled with values: `{{#name}}…{{/name}}` kept only when the value
 * is not empty, `{{name}}` replaced. In the HTML body every value is escaped (the markup around
 * it is staff's, the value is the user's) and lists become `<ul>`; in the text body lists become
 * "- " lines. The subject is one line whatever the values hold.
 */
export function renderMail(template: MailTemplate, lang: Locale, vars: MailVars): RenderedMail {
  return {
    subject: fill(template.subject[lang], vars, 'text').replace(/\s*[\r\n]+\s*/g, ' ').trim(),
    text: tidyText(fill(template.text[lang], vars, 'text')),
    html: wrapHtml(fill(template.html[lang], vars, 'html'), lang),
  };
}

type Body = 'text' | 'html';

function fill(source: string, vars: MailVars, body: Body): string {
  let text = source;
  // Innermost sections are resolved by repeating: a section of another name may sit inside one.
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(MAIL_SECTION, (_, name: string, inner: string) => (isEmpty(valueOf(vars, name)) ? '' : inner));
  }
  return text.replace(MAIL_PLACEHOLDER, (_, name: string) => format(valueOf(vars, name), body));
}

const valueOf = (vars: MailVars, name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined);

const isEmpty = (v: MailVars[string]): boolean => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function format(value: MailVars[string], body: Body): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    const items = value as readonly string[];
    if (!items.length) return '';
    return body === 'text' ? items.map((i) => `- ${i}`).join('\n') : `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  }
  const text = String(value);
  return body === 'text' ? text : escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** Every character that could open markup or leave an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Sections left empty leave blank lines: at most one in a row, none at the ends. */
const tidyText = (text: string): string => `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;

/** A whole document around staff's body, so that mail clients read the language and the charset. */
const wrapHtml = (body: string, lang: Locale): string =>
  `<!DOCTYPE html>\n<html lang="${lang}">\n<head><meta charset="utf-8"></head>\n<body>\n${body.trim()}\n</body>\n</html>\n`;
