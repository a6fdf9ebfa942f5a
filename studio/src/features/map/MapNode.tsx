import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import type { GraphNode, StepFigures } from '../../shared/api/contract';
import { useI18n } from '../../shared/i18n/texts';

export type MapNodeData = { node: GraphNode; figures?: StepFigures; issues: number; selected: boolean };
export type MapFlowNode = Node<MapNodeData, 'journey'>;

/** What a node says, in words: its kind, its label, its condition, its figures, its problems (also its accessible name). */
export function useNodeWords() {
  const { t, pick } = useI18n();
  return (data: MapNodeData) => {
    const { node, figures, issues } = data;
    return {
      kind: t(`ui.map.kind.${node.kind}`),
      label: pick(node.label) || node.id,
      when: node.when ? t('ui.map.asked_only_if', { condition: pick(node.when) }) : '',
      figures: figures ? t('ui.map.figures', { reached: figures.reached, answered: figures.answered, stopped: figures.stopped }) : '',
      issues: issues ? t('ui.map.issues', { count: issues }) : '',
    };
  };
}

/** One node of the map: a question, an ending, a rule… or a section's box around its questions. */
export function MapNode({ data }: NodeProps<MapFlowNode>) {
  const words = useNodeWords()(data);
  const section = data.node.kind === 'section';
  return (
    <div className={`map-node kind-${data.node.kind}${data.issues ? ' has-issues' : ''}${data.selected ? ' is-selected' : ''}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <span className="node-kind">{words.kind}</span>
      <span className={section ? 'section-title' : 'node-label'}>{words.label}</span>
      {words.when && <span className="node-when">{words.when}</span>}
      {words.figures && <span className="node-figures">{words.figures}</span>}
      {words.issues && <span className="node-issues">{words.issues}</span>}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

/** A node's height for its text (ELK needs sizes before drawing); CSS keeps the text within it. */
export function nodeHeight(words: { label: string; when: string; figures: string; issues: string }): number {
  const lines = (text: string, perLine: number) => (text ? Math.ceil(text.length / perLine) : 0);
  return 30 + 20 * Math.min(3, lines(words.label, 30)) + 18 * Math.min(3, lines(words.when, 36)) + (words.figures ? 20 : 0) + (words.issues ? 20 : 0);
}
