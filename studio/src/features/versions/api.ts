import { api } from '../../shared/api/client';
import type { VersionInfo } from '../../shared/api/contract';

export const listVersions = () => api.get<VersionInfo[]>('versions');

/** A new version with n's files, made live at once. */
export async function rollback(n: number, comment: string): Promise<number> {
  const { version } = await api.post<{ version: number | { number: number } }>(`versions/${n}/rollback`, comment ? { comment } : {});
  return typeof version === 'number' ? version : version.number;
}
