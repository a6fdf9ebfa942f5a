import type { MarkdownFlavour } from './channels';

type Node = Record<string, unknown>;
interface Block {
  item: boolean;
  text: string;
}

/**
 * An expanded Adaptive Card as readable text, for channels that show Markdown but not the card
 * (Slack): the same template, so a staff edit of cards/ shows everywhere. Bold text blocks stay
 * bold, a ColumnSet is one bullet line ("label : value", with the language's `colon` from the
 * card's data), the template's "• " lines are bullets; inputs and buttons are left out (buttons are
 * rendered on their own).
 */
export function cardToText(card: unknown, flavour: Exclude<MarkdownFlavour, 'plain'>, colon = ' :'): string {
  const blocks: Block[] = [];
  collect((card as Node)?.body, blocks, flavour, `${colon} `);
  let out = '';
  blocks.forEach((b, i) => {
    if (i > 0) out += b.item ? '\n' : '\n\n';
    out += b.item ? `- ${b.text}` : b.text;
  });
  return out;
}

/** `inRow`: inside a ColumnSet, texts are cells of one line, kept as they are (a value starting with "- " stays so). */
function collect(elements: unknown, out: Block[], flavour: Exclude<MarkdownFlavour, 'plain'>, separator: string, inRow = false): void {
  if (!Array.isArray(elements)) return;
  for (const node of elements as Node[]) {
    if (!node || typeof node !== 'object' || node.isVisible === false) continue;
    switch (node.type) {
      case 'TextBlock': {
        const raw = typeof node.text === 'string' ? node.text : '';
        if (!raw.trim()) break;
        const text = inRow ? raw : raw.trim();
        const bullet = inRow ? null : /^•\s+/.exec(text);
        if (bullet) out.push({ item: true, text: text.slice(bullet[0].length) });
        else out.push({ item: false, text: node.weight === 'Bolder' ? bold(text, flavour) : text });
        break;
      }
      case 'RichTextBlock': {
        const text = (Array.isArray(node.inlines) ? node.inlines : []).map((r) => (typeof r === 'string' ? r : String((r as Node).text ?? ''))).join('').trim();
        if (text) out.push({ item: false, text });
        break;
      }
      case 'FactSet':
        for (const fact of (Array.isArray(node.facts) ? node.facts : []) as Node[]) {
          out.push({ item: true, text: `${bold(String(fact.title ?? ''), flavour)}${separator}${String(fact.value ?? '')}` });
        }
        break;
      case 'ColumnSet': {
        // A row: its cells on one line.
        const cells: Block[] = [];
        for (const column of (Array.isArray(node.columns) ? node.columns : []) as Node[]) collect(column.items, cells, flavour, separator, true);
        if (cells.length) out.push({ item: true, text: cells.map((c) => c.text).join(separator) });
        break;
      }
      case 'Container':
      case 'Column':
        collect(node.items, out, flavour, separator, inRow);
        break;
      default:
        // Inputs, ActionSets, images: nothing to read as text.
        break;
    }
  }
}

const bold = (text: string, flavour: Exclude<MarkdownFlavour, 'plain'>): string => (flavour === 'mrkdwn' ? `*${text}*` : `**${text}**`);
