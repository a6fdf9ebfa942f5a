import ELK from 'elkjs/lib/elk-api.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Graph } from '../../shared/api/contract';

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The section a question is drawn inside (positions are then relative to it). */
  parent?: string;
}

/** ELK runs in its own worker (a file of this server): a large journey never freezes the page. */
let elk: InstanceType<typeof ELK> | undefined;
function engine(): InstanceType<typeof ELK> {
  // The UMD build may come wrapped as `{ default }` depending on the bundler's interop.
  const Elk = ((ELK as unknown as { default?: typeof ELK }).default ?? ELK) as typeof ELK;
  return (elk ??= new Elk({ workerUrl: __ELK_WORKER_URL__ }));
}

export const NODE_WIDTH = 250;
const SECTION_PADDING = '[top=44,left=16,bottom=16,right=16]';

/**
 * Where each node goes, computed by ELK's layered algorithm (top to bottom, sections as boxes
 * around their questions, edges across them). `heightOf` gives each node's height for its text.
 */
export async function layoutGraph(graph: Graph, heightOf: (id: string) => number): Promise<Map<string, Placed>> {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const sections = new Set(graph.nodes.filter((n) => n.kind === 'section').map((n) => n.id));
  const leaf = (id: string): ElkNode => ({ id, width: NODE_WIDTH, height: heightOf(id) });
  const children: ElkNode[] = [];
  const inside = new Map<string, ElkNode[]>();
  for (const node of graph.nodes) {
    if (node.kind === 'section') continue;
    if (node.section && sections.has(node.section)) inside.set(node.section, [...(inside.get(node.section) ?? []), leaf(node.id)]);
    else children.push(leaf(node.id));
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'section') continue;
    const members = inside.get(node.id) ?? [];
    children.push(members.length ? { id: node.id, children: members, layoutOptions: { 'elk.padding': SECTION_PADDING } } : leaf(node.id));
  }
  const edges: ElkExtendedEdge[] = graph.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
    .map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] }));
  const laid = await engine().layout({
    id: 'journey',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '48',
      'elk.spacing.nodeNode': '32',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeRouting': 'ORTHOGONAL',
    },
    children,
    edges,
  });
  const placed = new Map<string, Placed>();
  const visit = (nodes: ElkNode[] | undefined, parent?: string) => {
    for (const n of nodes ?? []) {
      placed.set(n.id, { x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? NODE_WIDTH, height: n.height ?? 60, parent });
      visit(n.children, n.id);
    }
  };
  visit(laid.children);
  return placed;
}
