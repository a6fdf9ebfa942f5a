import type { Graph, GraphNode } from '../../shared/api/contract';
import { useI18n } from '../../shared/i18n/texts';

/** The same journey as a list, section by section: the map's content for those who prefer reading it. */
export function JourneyOutline({ graph, onOpen }: { graph: Graph; onOpen: (id: string) => void }) {
  const { t, pick } = useI18n();
  const sections = graph.nodes.filter((n) => n.kind === 'section');
  const outside = graph.nodes.filter((n) => n.kind !== 'section' && !sections.some((s) => s.id === n.section));
  const item = (n: GraphNode) => (
    <li key={n.id}>
      <button type="button" className="link-button" onClick={() => onOpen(n.id)}>
        {t(`ui.map.kind.${n.kind}`)} : {pick(n.label) || n.id}
      </button>
      {n.when && <span className="outline-when"> — {t('ui.map.asked_only_if', { condition: pick(n.when) })}</span>}
    </li>
  );
  return (
    <details className="outline">
      <summary>{t('ui.journey.outline')}</summary>
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={`outline-${s.id}`}>
          <h3 id={`outline-${s.id}`}>
            <button type="button" className="link-button" onClick={() => onOpen(s.id)}>
              {pick(s.label) || s.id}
            </button>
          </h3>
          <ol>{graph.nodes.filter((n) => n.section === s.id && n.kind !== 'section').map(item)}</ol>
        </section>
      ))}
      {outside.length > 0 && (
        <section aria-labelledby="outline-rest">
          <h3 id="outline-rest">{t('ui.journey.outline_rest')}</h3>
          <ul>{outside.map(item)}</ul>
        </section>
      )}
    </details>
  );
}
