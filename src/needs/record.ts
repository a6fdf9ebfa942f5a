import { z } from 'zod';

/**
 * The need record, keyed by the Airtable field names staff see (../shared/contracts.md).
 * It is what the journal stores, what `needs:export` prints and what the Airtable sync writes.
 */
export const STATUSES = ['Nouveau', 'En revue', 'Accepté', 'Réorienté', 'Non éligible', 'Clos'] as const;
export const CHANNELS = ['Site web', 'Teams', 'Slack', 'Emulator'] as const;
export const LANGUAGES = ['fr', 'en'] as const;

/** Airtable's long-text limit: longer texts are cut by buildRecord (keeping their end). */
export const TEXT_MAX_CHARS = 100_000;
const text = z.string().max(TEXT_MAX_CHARS);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const count = z.number().int().min(0);
const euros = z.number().min(0);

export const structureFieldsSchema = z
  .object({
    Nom: text.min(1),
    'Forme juridique': text,
    RNA: z.string().regex(/^W\d{9}$/),
    SIREN: z.string().regex(/^\d{9}$/),
    'Code postal': z.string().regex(/^\d{5}$/),
    Ville: text,
    Territoire: text,
    'Année de création': z.number().int().min(1800).max(2200),
    Salariés: count,
    Bénévoles: count,
    'Budget annuel (€)': euros,
    Causes: z.array(text),
    'Site web': text,
    Contact: text,
    Email: text,
    Téléphone: text,
  })
  .partial()
  .strict();

export const needFieldsSchema = z
  .object({
    Référence: z.string().min(1),
    Statut: z.enum(STATUSES),
    Éligible: z.boolean(),
    Motifs: text,
    Domaines: z.array(text),
    Description: text,
    // Select options that staff edit in dialogs/ are checked there, not here.
    Nature: text,
    Échéance: isoDate,
    'Personnes disponibles': count,
    'Situation financière': text,
    'Budget prestataire (€)': euros,
    'Programme recommandé': text,
    'Autres programmes': z.array(text),
    Canal: z.enum(CHANNELS),
    Langue: z.enum(LANGUAGES),
    Conversation: text,
    Transcript: text,
    'Rappel demandé': z.boolean(),
    Consentement: z.string().datetime(),
    /** The partner (its id in dialogs/partners.yaml) the recommended programme is routed to. */
    Partenaire: text,
    /** When the association agreed to share this need with that partner; absent: nothing is shared. */
    'Partage partenaire': z.string().datetime(),
    /** The association agreed to be named in its mission brief (the step with `role: named_in_brief`). */
    "Nom dans l'annonce": z.boolean(),
  })
  .partial()
  .required({ Référence: true, Statut: true, Canal: true, Langue: true, Conversation: true, Consentement: true })
  .strict();

/** One qualified need and the structure it belongs to. */
export const needRecordSchema = z.object({
  Besoins: needFieldsSchema,
  Structures: structureFieldsSchema,
});

export type StructureFields = z.infer<typeof structureFieldsSchema>;
export type NeedFields = z.infer<typeof needFieldsSchema>;
export type NeedRecord = z.infer<typeof needRecordSchema>;
export type ChannelName = (typeof CHANNELS)[number];

/** Field names writable from a flow step, as `Table.Field`. The link `Besoins.Structure` is ours. */
export const WRITABLE_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(structureFieldsSchema.shape).map((f) => `Structures.${f}`),
  ...Object.keys(needFieldsSchema.shape).map((f) => `Besoins.${f}`),
]);
