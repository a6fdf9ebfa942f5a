import { ISSUE_CODES } from '../../src/flow/issueCodes';
import { validateFlowFiles } from '../../src/flow/loadFromFiles';
import { MAIL_TEMPLATES } from '../../src/flow/mailTemplates';
import type { CodedFlowIssue } from '../../src/flow/model';
import { readJourneyDir } from '../../src/flow/readJourneyDir';
import type { MailTemplate } from '../../src/flow/schema';
import { renderMail } from '../../src/mail/render';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

const shipped = readJourneyDir(DIALOGS_DIR, CARDS_DIR);

const same = (text: string) => ({ fr: text, en: text });
const template = (t: Partial<Record<keyof MailTemplate, string>>): MailTemplate => ({
  subject: same(t.subject ?? 'S'),
  text: same(t.text ?? 'T'),
  html: same(t.html ?? '<p>H</p>'),
});

describe('renderMail', () => {
  it('keeps a section only when its value is not empty, nested ones too; lists as lines or <ul>', () => {
    const t = template({
      text: 'A{{#x}} [x={{x}}{{#y}} y={{y}}{{/y}}]{{/x}}{{#list}}\n{{list}}{{/list}}\nZ',
      html: '{{#list}}<p>L</p>{{list}}{{/list}}{{#none}}<p>N</p>{{/none}}',
    });
    expect(renderMail(t, 'fr', { x: 'X', y: '', list: ['a', 'b'], none: [] }).text).toBe('A [x=X]\n- a\n- b\nZ\n');
    expect(renderMail(t, 'fr', { x: '', y: 'Y', list: [] }).text).toBe('A\nZ\n');
    expect(renderMail(t, 'fr', { x: 1, y: 'Y', list: ['a'] }).text).toBe('A [x=1 y=Y]\n- a\nZ\n');
    expect(renderMail(t, 'fr', { list: ['<a>', 'b & c'] }).html).toContain('<p>L</p><ul><li>&#60;a&#62;</li><li>b &#38; c</li></ul>');
    expect(renderMail(t, 'fr', { list: ['x'] }).html).not.toContain('<p>N</p>');
  });

  it('escapes every value in the HTML body, staff markup untouched; line breaks kept; the subject on one line', () => {
    const t = template({ subject: 'Re: {{v}}', text: '{{v}}', html: '<a href="{{v}}" title=\'{{v}}\'>{{v}}</a>' });
    const hostile = `"><script>x</script>'\n<img src=x onerror=alert(1)>`;
    const out = renderMail(t, 'en', { v: hostile });
    expect(out.html).toContain('<a href="&#34;&#62;&#60;script&#62;x&#60;/script&#62;&#39;<br>&#60;img src=x onerror=alert(1)&#62;" title=');
    expect(out.html).not.toMatch(/<script>|<img/);
    expect(out.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(out.text).toBe(`${hostile}\n`);
    expect(out.subject).toBe(`Re: "><script>x</script>' <img src=x onerror=alert(1)>`);
  });

  it('renders each shipped template in both languages with every value it offers, leaving no braces', () => {
    const flow = validateFlowFiles(shipped).flow!;
    for (const [name, vars] of Object.entries(MAIL_TEMPLATES)) {
      for (const lang of ['fr', 'en'] as const) {
        const out = renderMail(flow.mail[name], lang, Object.fromEntries(vars.map((v) => [v, `«${v}»`])));
        for (const part of [out.subject, out.text, out.html]) expect(part).not.toMatch(/\{\{|\}\}/);
        expect(out.text).toContain('«reference»');
        expect(out.html).toContain('«reference»');
      }
    }
  });
});

/** flow:check on dialogs/mail/: the bot's templates exist, insert only what they are given, sections close. */
describe('mail templates in the journey checks', () => {
  const issuesOf = (files: Record<string, string>): CodedFlowIssue[] => {
    const { flow, issues } = validateFlowFiles(files);
    expect(flow).toBeUndefined();
    for (const i of issues) expect(Object.keys(i.params).sort()).toEqual([...ISSUE_CODES[i.code]].sort());
    return issues;
  };
  const file = 'dialogs/mail/need-recorded.yaml';
  const edit = (from: string, to: string) => {
    expect(shipped[file]).toContain(from);
    return { ...shipped, [file]: shipped[file].replace(from, to) };
  };

  it('the shipped journey passes', () => {
    expect(validateFlowFiles(shipped).issues).toEqual([]);
  });

  it('a missing template the bot sends', () => {
    const { [file]: _gone, ...rest } = shipped;
    expect(issuesOf(rest)).toEqual([expect.objectContaining({ file, code: 'mail.missing', params: { template: 'need-recorded' } })]);
  });

  it('an unknown placeholder, located by part and language', () => {
    const [issue] = issuesOf(edit('<h2>Your answers</h2>', '<h2>Your answers {{answers}}</h2>'));
    expect(issue).toMatchObject({ file, path: 'html.en', code: 'text.unknown_placeholder', params: { lang: 'en', name: 'answers' } });
    expect(issue.line).toBeGreaterThan(1);
  });

  it('a section left open', () => {
    const [issue] = issuesOf(edit('{{#not_eligible}}Votre structure ne remplit', '{{#not_eligible}}{{#oops}}Votre structure ne remplit'));
    expect(issue).toMatchObject({ file, path: 'text.fr', code: 'mail.bad_section', params: { lang: 'fr' } });
  });

  it('a template with a missing language, or a file name that is not a template name', () => {
    const missingEnglish = edit('  en: "Your request {{reference}} is recorded"\n', '');
    expect(issuesOf(missingEnglish)).toEqual([expect.objectContaining({ file, path: 'subject.en', code: 'schema.required' })]);
    const badName = { ...shipped, 'dialogs/mail/Need Copy.yaml': shipped[file] };
    expect(issuesOf(badName)).toEqual([expect.objectContaining({ file: 'dialogs/mail/Need Copy.yaml', code: 'mail.bad_name' })]);
  });
});
