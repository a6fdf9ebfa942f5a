import { z } from 'zod';
import { needRecordSchema } from '../needs/record';
import type { JournalEntry } from '../stores/needsJournal';

/**
 * A need as a partner sees it (the read API and the webhooks): what the association agreed to
 * share, in English field names. Staff-only fields (Motifs, transcript, eligibility, status) are
 * not part of it; contact details only for a key with the scope `needs:contact`.
 * The schema is the API's contract: add optional fields freely, never rename or remove one.
 */
export const partnerNeedSchema = z
  .object({
    reference: z.string().meta({ description: 'The need\'s reference, e.g. PBL-2026-00042' }),
    version: z.number().int().min(1).meta({ description: 'Goes up each time the need is saved again' }),
    programme: z.string().meta({ description: 'The programme recommended (routed to your organisation)' }),
    language: z.enum(['fr', 'en']),
    recordedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    sharedAt: z.iso.datetime().meta({ description: 'When the association agreed to share its need with you' }),
    need: z
      .object({
        description: z.string().optional(),
        domains: z.array(z.string()),
        nature: z.string().optional(),
        deadline: z.iso.date().optional(),
        providerBudgetEuros: z.number().min(0).optional(),
        callbackRequested: z.boolean(),
      })
      .strict(),
    structure: z
      .object({
        name: z.string().optional(),
        legalForm: z.string().optional(),
        postcode: z.string().optional(),
        town: z.string().optional(),
        territory: z.string().optional(),
        website: z.string().optional(),
        causes: z.array(z.string()),
        yearFounded: z.number().int().optional(),
        employees: z.number().int().min(0).optional(),
        volunteers: z.number().int().min(0).optional(),
        annualBudgetEuros: z.number().min(0).optional(),
      })
      .strict(),
    contact: z
      .object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() })
      .strict()
      .optional()
      .meta({ description: 'Only for a key with the scope needs:contact' }),
  })
  .strict();
export type PartnerNeed = z.infer<typeof partnerNeedSchema>;

/** The partner a journal entry is shared with (consent given), if any. */
export function sharedPartnerOf(entry: Pick<JournalEntry, 'record'>): string | undefined {
  const besoins = (entry.record as { Besoins?: Record<string, unknown> }).Besoins;
  return besoins && typeof besoins.Partenaire === 'string' && typeof besoins['Partage partenaire'] === 'string' ? besoins.Partenaire : undefined;
}

/** The partner's view of a need shared with it; undefined when the entry is not shared or unreadable. */
export function partnerNeedOf(entry: JournalEntry, options: { contact: boolean }): PartnerNeed | undefined {
  const parsed = needRecordSchema.safeParse(entry.record);
  if (!parsed.success) return undefined;
  const { Besoins: b, Structures: s } = parsed.data;
  if (!b.Partenaire || !b['Partage partenaire'] || !b['Programme recommandé']) return undefined;
  const view: PartnerNeed = {
    reference: entry.reference,
    version: entry.version,
    programme: b['Programme recommandé'],
    language: b.Langue,
    recordedAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    sharedAt: b['Partage partenaire'],
    need: {
      description: b.Description,
      domains: b.Domaines ?? [],
      nature: b.Nature,
      deadline: b.Échéance,
      providerBudgetEuros: b['Budget prestataire (€)'],
      callbackRequested: b['Rappel demandé'] ?? false,
    },
    structure: {
      name: s.Nom,
      legalForm: s['Forme juridique'],
      postcode: s['Code postal'],
      town: s.Ville,
      territory: s.Territoire,
      website: s['Site web'],
      causes: s.Causes ?? [],
      yearFounded: s['Année de création'],
      employees: s.Salariés,
      volunteers: s.Bénévoles,
      annualBudgetEuros: s['Budget annuel (€)'],
    },
    ...(options.contact ? { contact: { name: s.Contact, email: s.Email, phone: s.Téléphone } } : {}),
  };
  // Undefined fields are left out, as JSON would.
  return partnerNeedSchema.parse(JSON.parse(JSON.stringify(view)));
}
