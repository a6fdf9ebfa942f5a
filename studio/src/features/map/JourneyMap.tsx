import { Background, Controls, type Edge, MarkerType, ReactFlow } from '@xyflow/react';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import type { Graph } from '../../shared/api/contract';
import { issuesFor, useDraft } from '../../shared/draft/DraftProvider';
import { useI18n } from '../../shared/i18n/texts';
import { layoutGraph, NODE_WIDTH, type Placed } from './layout';
import { type MapFlowNode, MapNode, type MapNodeData, nodeHeight, useNodeWords } from './MapNode';
import { useFigures } from './useFigures';

const nodeTypes = { journey: MapNode };

/**
 * The journey as a diagram: sections around their questions, branches with their conditions,
 * endings, the summary and the programme rules; laid out by ELK, drawn by React Flow. Each node
 * is a button in the tab order (Enter or a click opens its editor), named by everything it shows.
 */
export function JourneyMap({ graph, selected, onOpen }: { graph: Graph; selected?: string; onOpen: (id: string) => void }) {
  const { t, pick } = useI18n();
  const words = useNodeWords();
  const { draft } = useDraft();
  const { figures, failed: figuresFailed } = useFigures(graph.nodes);
  const data = useMemo(() => {
    const out = new Map<string, MapNodeData>();
    for (const node of graph.nodes) {
      const issues = node.kind === 'section' ? [] : issuesFor(draft?.issues ?? [], node.file, node.path, true);
      out.set(node.id, { node, figures: figures.get(node.id), issues: issues.length, selected: node.id === selected });
    }
    return out;
  }, [graph, draft?.issues, figures, selected]);
  const heights = new Map([...data].map(([id, d]) => [id, nodeHeight(words(d))]));
  const shapeKey = JSON.stringify([graph.nodes.map((n) => [n.id, n.section, heights.get(n.id)]), graph.edges.map((e) => [e.from, e.to])]);
  const [placed, setPlaced] = useState<Map<string, Placed>>();
  const [layoutFailed, setLayoutFailed] = useState(false);
  useEffect(() => {
    let current = true;
    layoutGraph(graph, (id) => heights.get(id) ?? 60)
      .then((p) => current && setPlaced(p))
      .catch((err) => {
        console.error(err);
        if (current) setLayoutFailed(true);
      });
    return () => {
      current = false;
    };
    // The layout depends on the graph's shape and the nodes' sizes only (not on figures or selection).
  }, [shapeKey]);

  const nodes: MapFlowNode[] = useMemo(() => {
    if (!placed) return [];
    // Sections first: React Flow wants a parent before its children.
    const ordered = [...graph.nodes].sort((a, b) => Number(b.kind === 'section') - Number(a.kind === 'section'));
    return ordered.flatMap((node) => {
      const at = placed.get(node.id);
      const d = data.get(node.id);
      if (!at || !d) return [];
      return [
        {
          id: node.id,
          type: 'journey' as const,
          position: { x: at.x, y: at.y },
          ...(at.parent ? { parentId: at.parent } : {}),
          data: d,
          style: { width: node.kind === 'section' ? at.width : NODE_WIDTH, height: at.height },
          // Its name is what it shows (kind, label, condition, figures, problems): no separate aria-label to drift from it.
          ariaRole: 'button' as const,
          zIndex: node.kind === 'section' ? 0 : 1,
          draggable: false,
          selectable: false,
        },
      ];
    });
  }, [placed, graph, data]);

  const edges: Edge[] = useMemo(() => {
    const labelOf = (id: string) => pick(graph.nodes.find((n) => n.id === id)?.label) || id;
    return graph.edges.map((e, i) => ({
        id: `e${i}`,
        source: e.from,
        target: e.to,
        type: 'smoothstep',
        label: pick(e.label) || undefined,
        className: `edge-${e.kind}`,
        markerEnd: { type: MarkerType.ArrowClosed },
        focusable: false,
        ariaLabel: t(e.label ? 'ui.map.edge_when' : 'ui.map.edge', { from: labelOf(e.from), to: labelOf(e.to), condition: pick(e.label) }),
      }));
  }, [graph, pick, t]);

  const openOnKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const id = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node')?.dataset.id;
    if (!id) return;
    event.preventDefault();
    onOpen(id);
  };

  if (layoutFailed) return <p className="notice error">{t('ui.map.layout_failed')}</p>;
  if (!placed) return <p className="loading">{t('ui.map.drawing')}</p>;
  const first = graph.nodes.filter((n) => n.kind !== 'section').slice(0, 4).map((n) => ({ id: n.id }));
  return (
    <>
      {figuresFailed && <p className="notice">{t('ui.map.figures_failed')}</p>}
      <div className="map-canvas">
        <ReactFlow<MapFlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          onNodeClick={(_, node) => onOpen(node.id)}
          onKeyDown={openOnKey}
          fitView
          fitViewOptions={{ nodes: first, maxZoom: 1 }}
          minZoom={0.2}
          maxZoom={1.5}
          panOnScroll
          ariaLabelConfig={{
            'node.a11yDescription.default': t('ui.map.a11y.node'),
            'node.a11yDescription.keyboardDisabled': t('ui.map.a11y.node'),
            'node.a11yDescription.ariaLiveMessage': () => '',
            'edge.a11yDescription.default': '',
            'controls.ariaLabel': t('ui.map.a11y.controls'),
            'controls.zoomIn.ariaLabel': t('ui.map.a11y.zoom_in'),
            'controls.zoomOut.ariaLabel': t('ui.map.a11y.zoom_out'),
            'controls.fitView.ariaLabel': t('ui.map.a11y.fit'),
            'controls.interactive.ariaLabel': t('ui.map.a11y.interactive'),
            'minimap.ariaLabel': '',
            'handle.ariaLabel': '',
          }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </>
  );
}
