import type { Recommendation } from '../domain';
import { type Flow, fieldOf } from '../flow/model';
import { partnerOfProgramme } from '../flow/partners';
import type { Partner, Step } from '../flow/schema';
import type { ConversationState } from '../engine/state';
import { say } from '../engine/texts';

export interface PartnerShare {
  /** The partner the recommended programme is routed to. */
  partner: Partner;
  /** When the association agreed to share its need with that partner; undefined: nothing is shared. */
  at?: string;
}

/**
 * Whether the need goes to a partner: its recommended programme is routed to one, and the
 * association said yes to that partner's consent question on the way that counts (a question
 * left behind by an edited answer, or about another partner, gives no consent).
 */
export function partnerShare(flow: Flow, state: ConversationState, path: readonly Step[], rec: Recommendation): PartnerShare | undefined {
  const partner = partnerOfProgramme(flow, rec.primary.value);
  if (!partner) return undefined;
  const step = path.find((s) => s.kind === 'yesno' && s.role === 'partner_consent' && s.partner === partner.id);
  const answer = step ? state.answers[fieldOf(step)] : undefined;
  return answer?.v === true && answer.at ? { partner, at: answer.at } : { partner };
}

/** The line of Motifs that tells staff whether the need was shared, and why not. */
export function shareMotif(flow: Flow, share: PartnerShare): string {
  return say(flow, share.at ? 'partner.shared' : 'partner.not_shared', 'fr', { partner: share.partner.name.fr });
}
