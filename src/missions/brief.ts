import type { TemplateLines } from '../flow/afterNeedSchema';
import { NAMED_IN_BRIEF } from '../flow/afterNeed';
import type { Flow } from '../flow/model';
import { fieldOf } from '../flow/model';
import { MISSION_FIELD_TYPES, NEED_REFERENCE_FIELD } from '../airtable/schema';
import { formatDeadline } from '../engine/format';
import { type NeedInfo, text } from './needInfo';

/**
 * The draft brief of an accepted need, from the template of dialogs/mission.yaml and the need
 * as staff see it in Airtable: the cells of its `Missions` record (the link to the need is added
 * by whoever writes it). Pure: no I/O, the time is given.
 */
export type MissionCells = Partial<Record<keyof typeof MISSION_FIELD_TYPES, unknown>>;

/** The brief is written for the operator's marketplace, in French. */
const LANG = 'fr' as const;

export function draftBrief(flow: Flow, need: NeedInfo, now: Date): MissionCells | undefined {
  const template = flow.afterNeed?.mission;
  if (!template) return undefined;
  const f = need.fields;
  const s = need.structure;
  const { description, extras } = splitDescription(flow, text(f.Description) ?? '');
  const named = f[namedField(flow) ?? ''] === true;
  const programme = text(f['Programme recommandé']);
  const territory = text(s.Territoire);
  const vars: Record<string, string | undefined> = {
    reference: need.reference,
    name: text(s.Nom),
    legal_form: text(s['Forme juridique']),
    town: text(s.Ville),
    territory,
    creation_year: numberText(s['Année de création']),
    employees: numberText(s.Salariés),
    volunteers: numberText(s.Bénévoles),
    causes: list(s.Causes),
    domains: list(f.Domaines),
    nature: text(f.Nature),
    programme,
    deadline: typeof f.Échéance === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(f.Échéance) ? formatDeadline({ value: f.Échéance, precision: 'day' }, LANG) : undefined,
    description,
    ...extras,
  };
  // Unless the association agreed to be named, its own words lose its name and contact details.
  const own = (value: string) => (named ? value : anonymise(value, need, template.anonymous_name));
  const covered = flow.territories.territories.find((t) => t.name === territory)?.covered === true;
  const format = programme ? template.programmes[programme] : undefined;
  const cells: MissionCells = {
    Titre: fill(template.title, vars),
    [NEED_REFERENCE_FIELD]: need.reference,
    Structure: fill(named ? template.structure.named : template.structure.anonymous, vars),
    Problème: own(fill(template.problem, vars)),
    'Déjà essayé': own(fill(template.tried, vars)),
    'Résultat attendu': own(fill(template.expected_result, vars)),
    Compétences: Array.isArray(f.Domaines) ? f.Domaines.filter((d): d is string => typeof d === 'string') : [],
    Format: format?.format,
    Durée: format?.duration,
    Territoire: fill(covered ? template.territory.covered : template.territory.remote, vars),
    Échéance: typeof f.Échéance === 'string' ? f.Échéance : undefined,
    'Créée le': now.toISOString(),
  };
  return Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== undefined && v !== '')) as MissionCells;
}

/** The Besoins field the naming consent goes to (the question with `role: named_in_brief`). */
export function namedField(flow: Flow): string | undefined {
  const step = flow.steps.find((s) => s.kind === 'yesno' && s.role === NAMED_IN_BRIEF);
  return typeof step?.airtable === 'string' ? step.airtable.replace(/^Besoins\./, '') : undefined;
}

/**
 * The line to use: the first whose inserted values are all known (the last one otherwise, its
 * unknown values left empty), filled in.
 */
export function fill(lines: TemplateLines, vars: Readonly<Record<string, string | undefined>>): string {
  const list = Array.isArray(lines) ? lines : [lines];
  const names = (line: string) => [...line.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]);
  const line = list.find((l) => names(l).every((n) => vars[n])) ?? list[list.length - 1];
  return line.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => vars[name] ?? '').trim();
}

/**
 * The need's `Description` holds the description itself, then the answers of the questions that
 * have no Airtable column, one paragraph each, "<label> : <answer>" (src/needs/buildRecord.ts):
 * those come back by field name.
 */
export function splitDescription(flow: Flow, value: string): { description: string; extras: Record<string, string> } {
  const labels = flow.steps.filter((s) => !s.airtable && s.summary !== false).map((s) => ({ field: fieldOf(s), prefix: `${s.label[LANG]} : ` }));
  const paragraphs = value.split('\n\n');
  const extras: Record<string, string> = {};
  while (paragraphs.length > 1) {
    const last = paragraphs[paragraphs.length - 1];
    const match = labels.find((l) => last.startsWith(l.prefix));
    if (!match) break;
    extras[match.field] = last.slice(match.prefix.length).trim();
    paragraphs.pop();
  }
  return { description: paragraphs.join('\n\n').trim(), extras };
}

/** The structure's name, website, email, phone and identifiers replaced in a text the association wrote. */
export function anonymise(value: string, need: NeedInfo, replacement: string): string {
  const s = need.structure;
  let out = value
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, replacement)
    .replace(/(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}/g, replacement)
    .replace(/\bW\d{9}\b/g, replacement)
    .replace(/\b\d{3}\s?\d{3}\s?\d{3}\b/g, replacement);
  const site = text(s['Site web'])?.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/.*$/, '');
  for (const literal of [text(s.Nom), site].filter((x): x is string => !!x && x.length >= 3)) {
    out = out.replace(new RegExp(`(?:https?://)?(?:www\\.)?${escapeRegExp(literal)}`, 'giu'), replacement);
  }
  return out;
}

const list = (v: unknown): string | undefined => (Array.isArray(v) && v.length ? v.filter((x) => typeof x === 'string').join(', ') : text(v));
const numberText = (v: unknown): string | undefined => (typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
