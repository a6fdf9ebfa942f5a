import type { Flow } from '../flow/model';
import { CHANNELS, LANGUAGES, STATUSES, type NeedFields, type StructureFields } from '../needs/record';

/**
 * The staff base described as data (../shared/contracts.md): tables, fields, Airtable types and
 * select options. Field names come from the need record (src/needs/record.ts); the options of
 * Statut, Canal and Langue from the contract, every other option list from the journey in
 * dialogs/, so that a staff edit there followed by `npm run airtable:setup` keeps the base in step.
 */

export type TableName = 'Structures' | 'Besoins';
export const TABLES: readonly TableName[] = ['Structures', 'Besoins'];

export type FieldType =
  | 'singleLineText'
  | 'multilineText'
  | 'email'
  | 'phoneNumber'
  | 'url'
  | 'number'
  | 'currency'
  | 'checkbox'
  | 'date'
  | 'dateTime'
  | 'singleSelect'
  | 'multipleSelects'
  | 'multipleRecordLinks';

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** Field options as the Metadata API takes them on creation (links: see `link`). */
  options?: Record<string, unknown>;
  description?: string;
  /** multipleRecordLinks only. */
  link?: {
    table: TableName;
    /**
     * This field is the reverse of `table`.`inverseOf`: Airtable creates it, named after this
     * table's partner, when that link is created; setup never creates it on its own.
     */
    inverseOf?: string;
  };
}

export interface TableSpec {
  name: TableName;
  /** The first field is the primary field. */
  fields: FieldSpec[];
}

export interface BaseSchema {
  tables: TableSpec[];
}

/** The Structures field the bot fills for a structure with neither RNA nor SIREN: its merge key. */
export const STRUCTURE_KEY_FIELD = 'Clé';
/** The link from a need to its structure, and its reverse. */
export const STRUCTURE_LINK_FIELD = 'Structure';
export const NEEDS_LINK_FIELD = 'Besoins';
/** The upsert key of Besoins. */
export const REFERENCE_FIELD = 'Référence';

const NUMBER = { type: 'number', options: { precision: 0 } } as const;
const EUROS = { type: 'currency', options: { precision: 0, symbol: '€' } } as const;
const CHECKBOX = { type: 'checkbox', options: { color: 'greenBright', icon: 'check' } } as const;
const DATE = { type: 'date', options: { dateFormat: { name: 'iso' } } } as const;
const DATE_TIME = {
  type: 'dateTime',
  options: { timeZone: 'Europe/Paris', dateFormat: { name: 'iso' }, timeFormat: { name: '24hour' } },
} as const;
const TEXT = { type: 'singleLineText' } as const;
const LONG_TEXT = { type: 'multilineText' } as const;
const SELECT = { type: 'singleSelect' } as const;
const MULTI = { type: 'multipleSelects' } as const;

type Kind = { type: FieldType; options?: Record<string, unknown> };

/** The type of every field of the need record; the compiler checks none is missing. */
export const STRUCTURE_FIELD_TYPES = {
  Nom: TEXT,
  'Forme juridique': SELECT,
  RNA: TEXT,
  SIREN: TEXT,
  'Code postal': TEXT,
  Ville: TEXT,
  Territoire: SELECT,
  'Année de création': NUMBER,
  Salariés: NUMBER,
  Bénévoles: NUMBER,
  'Budget annuel (€)': EUROS,
  Causes: MULTI,
  'Site web': { type: 'url' },
  Contact: TEXT,
  Email: { type: 'email' },
  Téléphone: { type: 'phoneNumber' },
} satisfies Record<keyof Required<StructureFields>, Kind>;

export const NEED_FIELD_TYPES = {
  Référence: TEXT,
  Statut: SELECT,
  Éligible: CHECKBOX,
  Motifs: LONG_TEXT,
  Domaines: MULTI,
  Description: LONG_TEXT,
  Nature: SELECT,
  Échéance: DATE,
  'Personnes disponibles': NUMBER,
  'Situation financière': SELECT,
  'Budget prestataire (€)': EUROS,
  'Programme recommandé': SELECT,
  'Autres programmes': MULTI,
  Canal: SELECT,
  Langue: SELECT,
  Conversation: TEXT,
  Transcript: LONG_TEXT,
  'Rappel demandé': CHECKBOX,
  Consentement: DATE_TIME,
  Partenaire: TEXT,
  'Partage partenaire': DATE_TIME,
} satisfies Record<keyof Required<NeedFields>, Kind>;

/** Order of the contract (what staff see), with the links and the merge key where they belong. */
const STRUCTURE_ORDER: readonly string[] = [...Object.keys(STRUCTURE_FIELD_TYPES), NEEDS_LINK_FIELD, STRUCTURE_KEY_FIELD];
const NEED_ORDER: readonly string[] = (() => {
  const names = Object.keys(NEED_FIELD_TYPES);
  return [names[0], STRUCTURE_LINK_FIELD, ...names.slice(1)];
})();

const DESCRIPTIONS: Record<string, string> = {
  'Structures.Clé':
    "Clé de rapprochement posée par le bot pour les structures sans RNA ni SIREN (nom normalisé|code postal). Ne pas modifier : le bot s'en sert pour retrouver la structure.",
  'Besoins.Référence': 'Référence du besoin donnée par le bot (unique) : le bot met à jour la ligne qui porte cette référence.',
  'Besoins.Partenaire':
    "Le partenaire (identifiant de dialogs/partners.yaml) vers lequel le programme recommandé est orienté. La demande ne lui est transmise que si « Partage partenaire » est rempli.",
  'Besoins.Partage partenaire':
    "Date à laquelle l'association a accepté que sa demande soit transmise au partenaire de son programme (dialogs/partners.yaml). Vide : rien n'est partagé (voir Motifs).",
};

/** Select options by `Table.Field`, read from the journey (and the contract's fixed lists). */
export function selectOptions(flow: Flow): Map<string, string[]> {
  const options = new Map<string, string[]>();
  const add = (target: string, values: readonly string[]) => {
    const list = options.get(target) ?? [];
    for (const v of values) if (!list.includes(v)) list.push(v);
    options.set(target, list);
  };
  add('Besoins.Statut', STATUSES);
  add('Besoins.Canal', CHANNELS);
  add('Besoins.Langue', LANGUAGES);
  for (const step of flow.steps) {
    if ((step.kind === 'choice' || step.kind === 'multichoice') && typeof step.airtable === 'string') {
      add(step.airtable, step.choices.map((c) => c.value));
    }
  }
  for (const derived of Object.values(flow.derived)) {
    if (derived.kind === 'territory' && derived.airtable) {
      add(derived.airtable, [...flow.territories.territories.map((t) => t.name), flow.territories.otherwise]);
    }
  }
  const programmes = [...flow.rules.programmes.map((p) => p.value), flow.rules.fallback.value];
  add('Besoins.Programme recommandé', programmes);
  add('Besoins.Autres programmes', programmes);
  return options;
}

function fieldSpec(table: TableName, name: string, options: Map<string, string[]>): FieldSpec {
  const description = DESCRIPTIONS[`${table}.${name}`];
  const withDescription = (spec: FieldSpec): FieldSpec => (description ? { ...spec, description } : spec);
  if (table === 'Structures' && name === NEEDS_LINK_FIELD) {
    return { name, type: 'multipleRecordLinks', link: { table: 'Besoins', inverseOf: STRUCTURE_LINK_FIELD } };
  }
  if (table === 'Besoins' && name === STRUCTURE_LINK_FIELD) {
    return { name, type: 'multipleRecordLinks', link: { table: 'Structures' } };
  }
  if (table === 'Structures' && name === STRUCTURE_KEY_FIELD) return withDescription({ name, type: 'singleLineText' });
  const kind: Kind =
    table === 'Structures'
      ? STRUCTURE_FIELD_TYPES[name as keyof typeof STRUCTURE_FIELD_TYPES]
      : NEED_FIELD_TYPES[name as keyof typeof NEED_FIELD_TYPES];
  if (kind.type === 'singleSelect' || kind.type === 'multipleSelects') {
    const choices = (options.get(`${table}.${name}`) ?? []).map((n) => ({ name: n }));
    return withDescription({ name, type: kind.type, options: { choices } });
  }
  return withDescription(kind.options ? { name, type: kind.type, options: kind.options } : { name, type: kind.type });
}

/** The whole base: Structures (primary `Nom`), then Besoins (primary `Référence`). */
export function buildBaseSchema(flow: Flow): BaseSchema {
  const options = selectOptions(flow);
  return {
    tables: [
      { name: 'Structures', fields: STRUCTURE_ORDER.map((n) => fieldSpec('Structures', n, options)) },
      { name: 'Besoins', fields: NEED_ORDER.map((n) => fieldSpec('Besoins', n, options)) },
    ],
  };
}

/** The Airtable type of a record field (what the sync converts values to). */
export function fieldTypeOf(table: TableName, name: string): FieldType | undefined {
  if (name === STRUCTURE_KEY_FIELD && table === 'Structures') return 'singleLineText';
  const types: Record<string, Kind> = table === 'Structures' ? STRUCTURE_FIELD_TYPES : NEED_FIELD_TYPES;
  return Object.prototype.hasOwnProperty.call(types, name) ? types[name].type : undefined;
}
