import type { Flow } from './model';
import type { Partner } from './schema';

/** The partner the needs of a programme are routed to (dialogs/partners.yaml), if any. */
export function partnerOfProgramme(flow: Pick<Flow, 'partners'>, programme: string | undefined): Partner | undefined {
  return programme === undefined ? undefined : flow.partners.find((p) => p.programmes.includes(programme));
}
