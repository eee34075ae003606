/**
 * caption: the label, title and notes that belong to each table. A caption stands just before its table
 * (`Table 1. …`, `**Table 1.** …`, `<b>Table 1</b> …`) or, failing that, just after it (`**Fig 2.** …`); each caption
 * belongs to one table only, and a table's own caption before it wins over a neighbour's after it. Notes are the
 * `Source:`/`Note:`/`*` lines of the caption paragraph and of the paragraph right after the table.
 */
import type { Root } from 'mdast';
import { cellText, type Grid } from './grids.js';

export interface Caption {
  label: string | null;
  title: string | null;
  notes: string[];
}

const captionPattern =
  /^((?:table|tab\.|fig\.?|figure|chart|map|exhibit|bảng|hình|tabelle|abbildung|表|图)\s*\d+(?:[-.]\d+)*)\s*[.:—–-]?\s*(.*)$/iu;
const notePattern = /^(?:sources?|notes?|nguồn|quelle|источник)\s*:|^[*†‡]\s*\S/iu;

/** The lines of a block as a reader sees them (markup removed), from the source text. */
function blockLines(tree: Root, index: number, lines: string[]): string[] {
  const block = tree.children[index];
  if (!block || block.type !== 'paragraph' || !block.position) return [];
  return lines
    .slice(block.position.start.line - 1, block.position.end.line)
    .map(cellText)
    .filter((line) => line !== '');
}

function asCaption(blockText: string[]): Caption | null {
  const match = captionPattern.exec(blockText[0] ?? '');
  if (!match) return null;
  const title = match[2]!.replace(/\s*\.$/, '').trim();
  return {
    label: match[1]!.replace(/\s+/g, ' ').replace(/\.$/, ''),
    title: title === '' ? null : title,
    notes: blockText.slice(1).filter((line) => notePattern.test(line)),
  };
}

export function findCaptions(tree: Root, grids: Grid[], text: string): Caption[] {
  const lines = text.split('\n');
  const claimed = new Set<number>();
  const captions: Array<Caption | null> = grids.map((grid) => {
    const before = asCaption(blockLines(tree, grid.index - 1, lines));
    if (before) claimed.add(grid.index - 1);
    return before;
  });
  grids.forEach((grid, position) => {
    if (captions[position] || claimed.has(grid.index + 1) || grids.some((other) => other.index === grid.index + 2 && !captions[grids.indexOf(other)])) {
      return;
    }
    const after = asCaption(blockLines(tree, grid.index + 1, lines));
    if (after) {
      claimed.add(grid.index + 1);
      captions[position] = after;
    }
  });
  return grids.map((grid, position) => {
    const caption = captions[position] ?? { label: null, title: null, notes: [] };
    // Notes in the paragraph right after the table (or after its caption, when the caption follows it).
    const next = claimed.has(grid.index + 1) && !captionBefore(captions[position], tree, grid, lines) ? grid.index + 2 : grid.index + 1;
    const following = blockLines(tree, next, lines);
    const notes = following.length > 0 && following.every((line) => notePattern.test(line)) ? following : [];
    return { ...caption, notes: [...caption.notes, ...notes] };
  });
}

function captionBefore(caption: Caption | null | undefined, tree: Root, grid: Grid, lines: string[]): boolean {
  if (!caption) return false;
  const before = asCaption(blockLines(tree, grid.index - 1, lines));
  return before !== null && before.label === caption.label;
}
