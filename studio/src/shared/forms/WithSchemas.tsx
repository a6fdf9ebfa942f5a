import type { ReactNode } from 'react';
import type { Schemas } from '../api/contract';
import { useSchemas } from '../api/schemas';
import { useI18n } from '../i18n/texts';

/** A form once the journey's JSON Schemas are there: "loading" until then, a plain sentence if they cannot be had. */
export function WithSchemas({ children }: { children: (schemas: Schemas) => ReactNode }) {
  const { t } = useI18n();
  const schemas = useSchemas();
  if (schemas.error && !schemas.data) return <p className="notice error">{t('ui.form.schemas_failed')}</p>;
  if (!schemas.data) return <p className="loading">{t('ui.app.loading')}</p>;
  return <>{children(schemas.data)}</>;
}
