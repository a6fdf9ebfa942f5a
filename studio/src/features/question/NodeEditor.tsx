import type { GraphNode } from '../../shared/api/contract';
import { ObjectFields } from '../../shared/forms/SchemaForm';
import { WithSchemas } from '../../shared/forms/WithSchemas';
import { BilingualField } from '../../shared/forms/widgets/BilingualField';
import { useI18n } from '../../shared/i18n/texts';
import { LAYOUTS, SCHEMA_OF_NODE } from './layouts';

/** A text in both languages (a section's title, a text of texts.yaml). */
const TEXT = { type: 'object', properties: { fr: { type: 'string' }, en: { type: 'string' } }, required: ['fr', 'en'] };

/** The form of a node of the map, generated from its JSON Schema (the same as flow:check's). */
export function NodeEditor({ node }: { node: GraphNode }) {
  const { t } = useI18n();
  if (node.kind === 'section') {
    // A section's node stands for its file; the form edits its title.
    const path = node.path[node.path.length - 1] === 'section' ? node.path : [...node.path, 'section'];
    return <BilingualField file={node.file} path={path} schema={TEXT} root={TEXT} name="section" required />;
  }
  if (node.file === 'dialogs/texts.yaml') {
    // The summary's node: its introduction, a text of texts.yaml.
    return <BilingualField file={node.file} path={node.path} schema={TEXT} root={TEXT} name="text" required />;
  }
  const name = SCHEMA_OF_NODE[node.kind];
  return (
    <WithSchemas>
      {(schemas) => {
        const schema = name ? schemas[name] : undefined;
        if (!schema) return <p className="notice">{t('ui.form.no_form')}</p>;
        return <ObjectFields file={node.file} path={node.path} schema={schema} root={schema} name={name} required layout={LAYOUTS[name]} />;
      }}
    </WithSchemas>
  );
}
