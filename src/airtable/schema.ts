import type { Flow } from '../flow/model';
import { EVALUATION_TYPES, type EvaluationFields } from '../needs/evaluationRecord';
import { CHANNELS, LANGUAGES, STATUSES, type NeedFields, type StructureFields } from '../needs/record';

/**
 * The staff base described as data (../shared/contracts.md): tables, fields, Airtable types and
 * select options. Field names come from the need record (src/needs/record.ts); the options of
 * Statut, Canal and Langue from the contract, every other option list from the journey in
 * dialogs/, so that a staff edit there followed by `npm run airtable:setup` keeps the base in step.
 */

export type TableName = 'Structures' | 'Besoins' | 'Missions' | 'Évaluations';
export const TABLES: readonly TableName[] = ['Structures', 'Besoins', 'Missions', 'Évaluations'];

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
/** The link from a mission brief or an evaluation to its need, their reverse in Besoins, and their upsert key. */
export const NEED_LINK_FIELD = 'Besoin';
export const MISSIONS_LINK_FIELD = 'Missions';
export const EVALUATIONS_LINK_FIELD = 'Évaluations';
export const NEED_REFERENCE_FIELD = 'Référence besoin';
/** The Besoins field staff fill when a mission ends: the evaluations are scheduled from it. */
export const MISSION_END_FIELD = 'Fin de mission';

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
  "Nom dans l'annonce": CHECKBOX,
} satisfies Record<keyof Required<NeedFields>, Kind>;

/** Besoins fields staff fill and the bot only reads. */
export const STAFF_NEED_FIELD_TYPES = {
  [MISSION_END_FIELD]: DATE,
} satisfies Record<string, Kind>;

/** The mission brief the bot drafts when a need is accepted (src/missions/); staff edit it and tick `Publiée`. */
export const MISSION_FIELD_TYPES = {
  Titre: TEXT,
  [NEED_REFERENCE_FIELD]: TEXT,
  // Two lines: a long text keeps the line break.
  Structure: LONG_TEXT,
  Problème: LONG_TEXT,
  'Déjà essayé': LONG_TEXT,
  'Résultat attendu': LONG_TEXT,
  Compétences: MULTI,
  Format: TEXT,
  Durée: TEXT,
  Territoire: TEXT,
  Échéance: DATE,
  Publiée: CHECKBOX,
  'Créée le': DATE_TIME,
} satisfies Record<string, Kind>;

/** The answers of an evaluation (src/evaluations/). */
export const EVALUATION_FIELD_TYPES = {
  Référence: TEXT,
  [NEED_REFERENCE_FIELD]: TEXT,
  Type: SELECT,
  Satisfaction: NUMBER,
  'Objectifs atteints': SELECT,
  'Recommandations mises en place': LONG_TEXT,
  'Ce qui a changé': LONG_TEXT,
  Recommanderait: CHECKBOX,
  'Partage bénévoles': CHECKBOX,
  'Autres réponses': LONG_TEXT,
  'Répondu le': DATE_TIME,
} satisfies Record<keyof Required<EvaluationFields>, Kind>;

/** Order of the contract (what staff see), with the links and the merge key where they belong. */
const STRUCTURE_ORDER: readonly string[] = [...Object.keys(STRUCTURE_FIELD_TYPES), NEEDS_LINK_FIELD, STRUCTURE_KEY_FIELD];
const NEED_ORDER: readonly string[] = (() => {
  const names = [...Object.keys(NEED_FIELD_TYPES), ...Object.keys(STAFF_NEED_FIELD_TYPES)];
  return [names[0], STRUCTURE_LINK_FIELD, ...names.slice(1), MISSIONS_LINK_FIELD, EVALUATIONS_LINK_FIELD];
})();
const MISSION_ORDER: readonly string[] = (() => {
  const names = Object.keys(MISSION_FIELD_TYPES);
  return [names[0], NEED_LINK_FIELD, ...names.slice(1)];
})();
const EVALUATION_ORDER: readonly string[] = (() => {
  const names = Object.keys(EVALUATION_FIELD_TYPES);
  return [names[0], NEED_LINK_FIELD, ...names.slice(1)];
})();

/** The links between tables: this side's target, and whether Airtable makes it as the reverse of another. */
const LINKS: Readonly<Record<string, NonNullable<FieldSpec['link']>>> = {
  [`Structures.${NEEDS_LINK_FIELD}`]: { table: 'Besoins', inverseOf: STRUCTURE_LINK_FIELD },
  [`Besoins.${STRUCTURE_LINK_FIELD}`]: { table: 'Structures' },
  [`Besoins.${MISSIONS_LINK_FIELD}`]: { table: 'Missions', inverseOf: NEED_LINK_FIELD },
  [`Besoins.${EVALUATIONS_LINK_FIELD}`]: { table: 'Évaluations', inverseOf: NEED_LINK_FIELD },
  [`Missions.${NEED_LINK_FIELD}`]: { table: 'Besoins' },
  [`Évaluations.${NEED_LINK_FIELD}`]: { table: 'Besoins' },
};

const TYPES: Readonly<Record<TableName, Readonly<Record<string, Kind>>>> = {
  Structures: { ...STRUCTURE_FIELD_TYPES, [STRUCTURE_KEY_FIELD]: TEXT },
  Besoins: { ...NEED_FIELD_TYPES, ...STAFF_NEED_FIELD_TYPES },
  Missions: MISSION_FIELD_TYPES,
  Évaluations: EVALUATION_FIELD_TYPES,
};

const DESCRIPTIONS: Record<string, string> = {
  'Structures.Clé':
    "Clé de rapprochement posée par le bot pour les structures sans RNA ni SIREN (nom normalisé|code postal). Ne pas modifier : le bot s'en sert pour retrouver la structure.",
  'Besoins.Référence': 'Référence du besoin donnée par le bot (unique) : le bot met à jour la ligne qui porte cette référence.',
  'Besoins.Partenaire':
    "Le partenaire (identifiant de dialogs/partners.yaml) vers lequel le programme recommandé est orienté. La demande ne lui est transmise que si « Partage partenaire » est rempli.",
  'Besoins.Partage partenaire':
    "Date à laquelle l'association a accepté que sa demande soit transmise au partenaire de son programme (dialogs/partners.yaml). Vide : rien n'est partagé (voir Motifs).",
  'Besoins.Fin de mission':
    "Date de fin de la mission, à remplir par l'équipe : le bot invite alors la structure à évaluer la mission (à cette date, puis environ quatre mois plus tard).",
  "Besoins.Nom dans l'annonce": "Coché : la structure accepte d'être nommée dans l'annonce de sa mission (sinon l'annonce est anonyme).",
  'Missions.Référence besoin': 'Référence du besoin dont vient cette mission : le bot ne rédige qu’une mission par besoin. Ne pas modifier.',
  'Missions.Publiée': 'Cochez quand la mission est prête : les missions publiées sont proposées sur la plateforme des bénévoles.',
  'Évaluations.Référence': "Référence du besoin et type d'évaluation : une évaluation de chaque type par besoin. Ne pas modifier.",
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
  // The skills a mission seeks are the need's domains; an evaluation's options come from its journey.
  add('Missions.Compétences', options.get('Besoins.Domaines') ?? []);
  add('Évaluations.Type', EVALUATION_TYPES);
  for (const step of flow.afterNeed?.evaluation?.flow.steps ?? []) {
    if (step.kind === 'choice' && typeof step.airtable === 'string') add(step.airtable, step.choices.map((c) => c.value));
  }
  return options;
}

function fieldSpec(table: TableName, name: string, options: Map<string, string[]>): FieldSpec {
  const description = DESCRIPTIONS[`${table}.${name}`];
  const withDescription = (spec: FieldSpec): FieldSpec => (description ? { ...spec, description } : spec);
  const link = LINKS[`${table}.${name}`];
  if (link) return { name, type: 'multipleRecordLinks', link };
  const kind = TYPES[table][name];
  if (kind.type === 'singleSelect' || kind.type === 'multipleSelects') {
    const choices = (options.get(`${table}.${name}`) ?? []).map((n) => ({ name: n }));
    return withDescription({ name, type: kind.type, options: { choices } });
  }
  return withDescription(kind.options ? { name, type: kind.type, options: kind.options } : { name, type: kind.type });
}

/** The whole base: Structures (primary `Nom`), Besoins (primary `Référence`), Missions (`Titre`), Évaluations (`Référence`). */
export function buildBaseSchema(flow: Flow): BaseSchema {
  const options = selectOptions(flow);
  const table = (name: TableName, order: readonly string[]): TableSpec => ({ name, fields: order.map((n) => fieldSpec(name, n, options)) });
  return {
    tables: [table('Structures', STRUCTURE_ORDER), table('Besoins', NEED_ORDER), table('Missions', MISSION_ORDER), table('Évaluations', EVALUATION_ORDER)],
  };
}

/** The Airtable type of a record field (what the sync converts values to); links excepted. */
export function fieldTypeOf(table: TableName, name: string): FieldType | undefined {
  const types = TYPES[table];
  return Object.prototype.hasOwnProperty.call(types, name) ? types[name].type : undefined;
}
