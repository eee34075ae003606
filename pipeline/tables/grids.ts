/**
 * grids: where the tables are in a source, as rows of raw cell texts. Converters write tables as GFM pipe tables
 * (mdast `table` nodes) or as tab-separated lines, which remark reads as a paragraph: those are found from the
 * paragraph's source lines. Cell text is what a reader sees: markup removed, white space collapsed.
 */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { TableFormat } from '../types.js';

export interface Grid {
  format: TableFormat;
  /** Index of the block in `tree.children`. */
  index: number;
  /** First and last source line (1-based). */
  lines: [number, number];
  /** Raw cell texts, row by row, as written (rows may differ in length). */
  rows: string[][];
  /** Rows the converter marked as a header (GFM's first row); tab-separated tables have none marked. */
  headerRows: number;
}

/** `<b>1.666</b>` → `1.666`; `**Total**` → `Total`; `\*` → `*`. */
export function cellText(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

export function findGrids(tree: Root, text: string): Grid[] {
  const lines = text.split('\n');
  const grids: Grid[] = [];
  tree.children.forEach((block, index) => {
    const grid = block.type === 'table' ? gfmGrid(block, index) : block.type === 'paragraph' ? tsvGrid(block, index, lines) : null;
    if (grid) grids.push(grid);
  });
  return grids;
}

function gfmGrid(block: Extract<RootContent, { type: 'table' }>, index: number): Grid {
  return {
    format: 'gfm',
    index,
    lines: [block.position?.start.line ?? 0, block.position?.end.line ?? 0],
    rows: block.children.map((row) => row.children.map((cell) => cellText(toString(cell)))),
    headerRows: 1,
  };
}

/** A paragraph whose lines are mostly tab-separated cells (two lines at least). */
function tsvGrid(block: RootContent, index: number, lines: string[]): Grid | null {
  const start = block.position?.start.line;
  const end = block.position?.end.line;
  if (start === undefined || end === undefined || end <= start) return null;
  const own = lines.slice(start - 1, end);
  const tabbed = own.filter((line) => line.includes('\t')).length;
  if (tabbed < 2 || tabbed < own.length * 0.66) return null;
  return {
    format: 'tsv',
    index,
    lines: [start, end],
    rows: own.filter((line) => line.trim() !== '').map((line) => line.replace(/[ \r]+$/, '').split('\t').map(cellText)),
    headerRows: 0,
  };
}
