import { hrefOf, navigate } from '../../shared/navigation/router';
import { ScreenTitle } from '../../layout/ScreenTitle';
import { useDraft } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { NodeEditorPanel } from '../question/NodeEditorPanel';
import { JourneyMap } from './JourneyMap';
import { JourneyOutline } from './JourneyOutline';

/** The journey's map, and beside it the editor of the node opened (its id in the address: ?node=). */
export function JourneyPage({ selected }: { selected?: string }) {
  const { t } = useI18n();
  const { draft } = useDraft();
  const graph = draft!.graph;
  const node = graph.nodes.find((n) => n.id === selected);
  const open = (id: string) => navigate(hrefOf('journey', { node: id }));
  const close = () => {
    navigate(hrefOf('journey'));
    // Back to the node that was opened, so that keyboard users keep their place on the map.
    focusSoon(`.react-flow__node[data-id="${CSS.escape(selected ?? '')}"]`);
  };
  return (
    <div className={`journey${node ? ' with-editor' : ''}`}>
      <div className="map-pane">
        <ScreenTitle intro={t('ui.journey.intro')}>{t('ui.journey.title')}</ScreenTitle>
        <JourneyMap graph={graph} selected={node?.id} onOpen={open} />
        <JourneyOutline graph={graph} onOpen={open} />
      </div>
      {node && <NodeEditorPanel key={node.id} node={node} onClose={close} />}
    </div>
  );
}

/**
 * Focuses an element once it can take the focus: while the map redraws (it grows when the editor
 * closes) a node may refuse it for a few frames, so this tries again on the next ones.
 */
function focusSoon(selector: string, frames = 60): void {
  const element = document.querySelector<HTMLElement>(selector);
  element?.focus();
  if (element && document.activeElement !== element && frames > 0) requestAnimationFrame(() => focusSoon(selector, frames - 1));
}
