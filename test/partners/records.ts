import type { NeedRecord } from '../../src/needs/record';
import { makeRecord } from '../airtable/helpers';

/** A need shared with `partner` (consent given), or routed to it without consent, as the bot records them. */
export function sharedRecord(reference: string, partner: string | undefined, consent = true, extra: Partial<NeedRecord['Besoins']> = {}): NeedRecord {
  return makeRecord(reference, {}, {
    'Programme recommandé': 'Mission freelance',
    'Autres programmes': ['Probono Factory'],
    Nature: 'Réalisation technique',
    'Budget prestataire (€)': 8000,
    ...(partner ? { Partenaire: partner } : {}),
    ...(partner && consent ? { 'Partage partenaire': '2026-03-01T10:05:00.000Z' } : {}),
    ...extra,
  });
}

