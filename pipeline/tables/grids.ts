/**
 * grids: where the tables are in a source, as rows of raw cell texts. Converters write tables as
 * - GFM pipe tables (mdast `table` nodes),
 * - tab-separated lines, which remark reads as a paragraph (found from the paragraph's source lines),
 * - HTML `<table>`s in one or several consecutive HTML blocks (html-grid.ts: marker, MinerU, pymupdf),
 * - LaTeX `tabular`s (latex-grid.ts: nougat), read from the source text since remark unescapes `\\` and `\&`,
 * - plain text aligned with spaces (aligned-grid.ts: `pdftotext -layout`), in a paragraph or a code block.
 * Each is found wherever it stands: at the top level, in list items, block quotes and footnote definitions.
 * Cell text is what a reader sees: markup removed, white space collapsed.
 */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { TableFormat } from '../types.js';
import { alignedGrid } from './aligned-grid.js';
import { cellText } from './cell-text.js';
import { htmlGrids } from './html-grid.js';
import { latexGrids } from './latex-grid.js';
import { sourceLines } from './lines.js';

export { cellText };

/** Where a table is written: among which blocks, and which of them it takes. */
export interface Place {
  /** The blocks the table stands among: `tree.children` at the top level, a list item's or quote's children when nested. */
  siblings: readonly RootContent[];
  /** The first and the last of `siblings` that the table takes (an HTML or LaTeX table may span several blocks). */
  first: number;
  last: number;
}

export interface Grid {
  format: TableFormat;
  /**
   * Index in `tree.children` of the top-level block that holds the table: the table's own (first) block at the top
   * level, the list or quote it stands in when nested. `place` says exactly where it is.
   */
  index: number;
  place: Place;
  /** First and last source line (1-based). */
  lines: [number, number];
  /** Raw cell texts, row by row, as written (rows may differ in length); header rows first. */
  rows: string[][];
  /** Rows the source marked as a header (GFM's first row, HTML `thead`/`th` rows); tab-separated tables have none marked. */
  headerRows: number;
  /**
   * Column paths from a header of one or more rows (outermost group first), when the format says how cells span
   * (HTML `colspan`/`rowspan`, LaTeX `\multicolumn`, aligned text): then `rows[headerRows]` is the first body row.
   */
  headerPaths?: string[][];
  /** Source line of each row, where known (for checks that name a row's line). */
  rowLines?: number[];
  /** A caption written inside the table itself: HTML `<caption>`, LaTeX `\caption{}`, a caption line in the same block. */
  caption?: string;
  /** Note lines written inside the table's own block(s). */
  notes?: string[];
}

/** What the detectors get: the source and where in the tree they look. */
export interface Scan {
  /** The source text and its lines. */
  text: string;
  lines: string[];
  siblings: readonly RootContent[];
  /** Index in `tree.children` of the top-level block that holds `siblings[at]`. */
  top: number;
}

/** Grids a detector found from `siblings[at]` on, and the index of the first sibling it did not take. */
export interface Found {
  grids: Grid[];
  next: number;
}

const containers = new Set(['list', 'listItem', 'blockquote', 'footnoteDefinition']);

export function findGrids(tree: Root, text: string): Grid[] {
  const lines = text.split('\n');
  const grids: Grid[] = [];
  const walk = (siblings: readonly RootContent[], top: number | null): void => {
    for (let at = 0; at < siblings.length; ) {
      const block = siblings[at]!;
      const scan: Scan = { text, lines, siblings, top: top ?? at };
      const found = detect(scan, at);
      if (found) {
        grids.push(...found.grids);
        at = Math.max(found.next, at + 1);
        continue;
      }
      if (containers.has(block.type) && 'children' in block) walk(block.children as RootContent[], top ?? at);
      at++;
    }
  };
  walk(tree.children, null);
  return grids;
}

/** The first detector that recognises a table at `siblings[at]`. */
function detect(scan: Scan, at: number): Found | null {
  const block = scan.siblings[at]!;
  if (block.type === 'table') return { grids: [gfmGrid(block, scan, at)], next: at + 1 };
  const html = htmlGrids(scan, at);
  if (html) return html;
  const latex = latexGrids(scan, at);
  if (latex) return latex;
  if (block.type === 'paragraph') {
    const tsv = tsvGrid(block, scan, at);
    if (tsv) return { grids: [tsv], next: at + 1 };
  }
  return alignedGrid(scan, at);
}

function gfmGrid(block: Extract<RootContent, { type: 'table' }>, scan: Scan, at: number): Grid {
  return {
    format: 'gfm',
    index: scan.top,
    place: { siblings: scan.siblings, first: at, last: at },
    lines: [block.position?.start.line ?? 0, block.position?.end.line ?? 0],
    rows: block.children.map((row) => row.children.map((cell) => cellText(toString(cell)))),
    rowLines: block.children.map((row) => row.position?.start.line ?? 0),
    headerRows: 1,
  };
}

/** A paragraph whose lines are mostly tab-separated cells (two lines at least). */
function tsvGrid(block: RootContent, scan: Scan, at: number): Grid | null {
  const start = block.position?.start.line;
  const end = block.position?.end.line;
  if (start === undefined || end === undefined || end <= start) return null;
  const own = sourceLines(block, scan.lines).filter((entry) => entry.text.trim() !== '');
  const tabbed = own.filter((entry) => entry.text.includes('\t')).length;
  if (tabbed < 2 || tabbed < own.length * 0.66) return null;
  return {
    format: 'tsv',
    index: scan.top,
    place: { siblings: scan.siblings, first: at, last: at },
    lines: [start, end],
    rows: own.map((entry) => entry.text.replace(/^ +/, '').replace(/[ \r]+$/, '').split('\t').map(cellText)),
    rowLines: own.map((entry) => entry.line),
    headerRows: 0,
  };
}
