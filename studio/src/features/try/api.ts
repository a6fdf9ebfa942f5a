import { api } from '../../shared/api/client';
import type { DraftAnswer, Lang } from '../../shared/api/contract';

export type Channel = 'webchat' | 'msteams' | 'slack';
export const CHANNELS: Channel[] = ['webchat', 'msteams', 'slack'];

/** A try page of the draft as it is now, with the real Web Chat rendering as the channel would. */
export const startTry = (lang: Lang, channel: Channel) => api.post<{ url: string }>('try', { lang, channel });

/** The try session's id, from the try page's address (`/studio/try?session=…`). */
export const sessionOf = (url: string): string | undefined => new URL(url, window.location.origin).searchParams.get('session') ?? undefined;

/** What was tried, as a scenario (YAML text, conversation-test format), with a name to start from. */
export async function triedScenario(session: string): Promise<{ name: string; yaml: string }> {
  const answer = await api.get<string | { name?: string; yaml?: string }>(`try/${encodeURIComponent(session)}/scenario`);
  return typeof answer === 'string' ? { name: '', yaml: answer } : { name: answer.name ?? '', yaml: answer.yaml ?? '' };
}

export const saveScenario = (revision: number, name: string, yaml: string) => api.post<DraftAnswer>('scenarios', { revision, name, yaml });
