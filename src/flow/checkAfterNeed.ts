import { comparedValues, conditionFields } from './conditionFields';
import type { IssueCode } from './issueCodes';
import { issue } from './issues';
import { MAIL_TEMPLATES, templateNames } from './mailTemplates';
import type { CodedFlowIssue, Flow, IssueParams } from './model';
import type { Condition, Step } from './schema';

type Locate = (stepId: string) => { file: string; path: string };
type Report = (path: string, code: IssueCode, message: string, params?: IssueParams) => void;

/** Texts the need record's Motifs line needs as soon as a partner exists (src/needs/partnerShare.ts). */
export const PARTNER_TEXT_KEYS = ['partner.shared', 'partner.not_shared'] as const;

/**
 * What comes after the need, checked like the rest of the journey: the derived `recommendation`
 * values, partners (dialogs/partners.yaml) and their consent steps, mail templates (dialogs/mail/).
 */
export function checkAfterNeed(flow: Flow, locate: Locate): CodedFlowIssue[] {
  const issues: CodedFlowIssue[] = [];
  const inFile =
    (file: string): Report =>
    (path, code, message, params) =>
      issues.push(issue(`dialogs/${file}`, path, code, message, params));
  const atStep = (step: Step): Report => {
    const loc = locate(step.id);
    return (sub, code, message, params) => issues.push(issue(loc.file, `${loc.path}${sub ? `.${sub}` : ''}`, code, message, params));
  };
  const programmes = [...flow.rules.programmes.map((p) => p.value), flow.rules.fallback.value];

  // The recommendation is computed from the rules: a rule reading it would read itself.
  const recommended = new Set(Object.entries(flow.derived).filter(([, d]) => d.kind === 'recommendation').map(([name]) => name));
  const inRules = inFile('rules.yaml');
  const readsRecommendation = (cond: Condition, path: string) => {
    for (const f of conditionFields(cond)) {
      if (recommended.has(f)) inRules(path, 'derived.read_by_rules', `"${f}" is the recommendation itself: rules cannot read it`, { name: f });
    }
  };
  flow.rules.eligibility.criteria.forEach((c, i) => readsRecommendation(c.when, `eligibility.criteria[${i}].when`));
  flow.rules.programmes.forEach((p, i) => p.conditions.forEach((c, j) => readsRecommendation(c.when, `programmes[${i}].conditions[${j}].when`)));
  // …and it is compared with programmes that exist (a renamed programme would silently never match).
  for (const step of flow.steps) {
    const conditions = [step.when, ...(Array.isArray(step.next) ? step.next.map((b) => b.when) : [])];
    for (const cond of conditions) {
      if (!cond) continue;
      for (const [field, values] of comparedValues(cond)) {
        if (!recommended.has(field)) continue;
        for (const v of values) {
          if (typeof v !== 'string' || !programmes.includes(v)) {
            atStep(step)('when', 'condition.unknown_programme', `"${String(v)}" is not a programme of rules.yaml (programmes: ${programmes.join(', ')})`, {
              value: String(v),
              field,
              programmes: programmes.join(', '),
            });
          }
        }
      }
    }
  }

  // Partners: unique, routed from existing programmes, each programme to one partner at most.
  const inPartners = inFile('partners.yaml');
  const routedBy = new Map<string, string>();
  const ids = new Set<string>();
  flow.partners.forEach((partner, i) => {
    if (ids.has(partner.id)) inPartners(`partners[${i}].id`, 'partner.duplicate', `duplicate partner id "${partner.id}"`, { partner: partner.id });
    ids.add(partner.id);
    partner.programmes.forEach((programme, j) => {
      const path = `partners[${i}].programmes[${j}]`;
      if (!programmes.includes(programme)) {
        inPartners(path, 'partner.unknown_programme', `"${programme}" is not a programme of rules.yaml (programmes: ${programmes.join(', ')})`, {
          value: programme,
          programmes: programmes.join(', '),
        });
      } else if (routedBy.has(programme)) {
        inPartners(path, 'partner.programme_twice', `"${programme}" is already routed to "${routedBy.get(programme)}"`, { value: programme, partner: routedBy.get(programme)! });
      } else routedBy.set(programme, partner.id);
    });
  });

  // Consent steps: one per partner, naming it in each language.
  const asked = new Set<string>();
  for (const step of flow.steps) {
    if (step.kind !== 'yesno') continue;
    const at = atStep(step);
    if (step.role !== 'partner_consent') {
      if (step.partner) at('partner', 'step.partner_without_role', 'only a step with role partner_consent names a partner', {});
      continue;
    }
    if (!step.partner) {
      at('role', 'step.partner_missing', 'a partner_consent step names its partner (partner: <id of dialogs/partners.yaml>)', {});
      continue;
    }
    const partner = flow.partners.find((p) => p.id === step.partner);
    if (!partner) {
      at('partner', 'step.unknown_partner', `unknown partner "${step.partner}" (partners: ${[...ids].join(', ') || 'none'})`, { partner: step.partner, partners: [...ids].join(', ') });
      continue;
    }
    asked.add(partner.id);
    for (const lang of ['fr', 'en'] as const) {
      if (!step.ask[lang].includes(partner.name[lang])) {
        at(`ask.${lang}`, 'step.partner_not_named', `the question must name the partner as dialogs/partners.yaml does: "${partner.name[lang]}"`, { lang, name: partner.name[lang] });
      }
    }
  }
  flow.partners.forEach((partner, i) => {
    if (!asked.has(partner.id)) {
      inPartners(`partners[${i}]`, 'partner.no_consent_step', `no question asks the association's consent to share with "${partner.id}" (a yesno step with role: partner_consent, partner: ${partner.id})`, {
        partner: partner.id,
      });
    }
  });
  if (flow.partners.length) {
    for (const key of PARTNER_TEXT_KEYS) if (!flow.texts[key]) inFile('texts.yaml')(key, 'text.missing', 'missing text (needed by the bot)', { key });
  }

  // Mail templates: the bot's own exist, and insert only what they are given.
  for (const [name, allowed] of Object.entries(MAIL_TEMPLATES)) {
    const template = flow.mail[name];
    const report = inFile(`mail/${name}.yaml`);
    if (!template) {
      issues.push(issue(`dialogs/mail/${name}.yaml`, '', 'mail.missing', `missing mail template "${name}"`, { template: name }));
      continue;
    }
    for (const part of ['subject', 'text', 'html'] as const) {
      for (const lang of ['fr', 'en'] as const) {
        const { names, wellFormed } = templateNames(template[part][lang]);
        if (!wellFormed) report(`${part}.${lang}`, 'mail.bad_section', 'every {{#name}} is closed by {{/name}}, and braces hold nothing else', { lang });
        for (const p of names) {
          if (!allowed.includes(p)) report(`${part}.${lang}`, 'text.unknown_placeholder', `unknown placeholder {{${p}}} (this mail offers: ${allowed.join(', ')})`, { lang, name: p });
        }
      }
    }
  }
  return issues;
}
