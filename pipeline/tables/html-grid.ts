/**
 * html-grid: HTML `<table>`s as converters write them into Markdown (marker, MinerU, pymupdf4llm with HTML tables),
 * parsed with a real HTML parser (hast-util-from-html, i.e. parse5), never with patterns.
 *
 * - A table may span several consecutive blocks: CommonMark ends an HTML block at a blank line, so a table with
 *   blank lines inside comes as several `html` nodes (and a paragraph where a line starts with text). The blocks are
 *   taken until the table closes, and their source text parsed together.
 * - Header rows: the `thead` rows, else the leading rows of `th` cells only, else the first row and the rows that
 *   its spanning cells need below it (spans.ts `inferHeaderRows`). A first row that is one cell across the whole
 *   table is its title (a caption), not a header.
 * - `colspan`/`rowspan` are expanded by the HTML table model (a row-spanning cell takes its place in the rows below),
 *   then laid out by spans.ts: header labels fill what they span and give paths from the outermost group down;
 *   body labels repeat down their rows, body figures stand once.
 * - Cell text is the text a browser shows (`<br>` and block breaks become spaces, inline markup goes), white space
 *   collapsed; a footnote mark set as a superscript after a figure (`12<sup>a</sup>`) leaves it (`10<sup>6</sup>`
 *   too: a power of ten in a data cell is rarer than a numbered note). `<caption>` is the table's caption.
 * - One table per block: two tables written in one HTML block (no blank line between) are left as they are, since
 *   the cleaning stage replaces a table's blocks whole; so is a table that shares its block with prose.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { inlineMath } from './latex-text.js';
import type { Found, Grid, Scan } from './grids.js';
import { spanLines } from './lines.js';
import { captionPattern, footnoteMark, keptMark, notePattern } from './patterns.js';
import { inferHeaderRows, layout, maxColumns, type PlacedCell } from './spans.js';

/** How many blocks one table may span: past this an unclosed `<table>` is not followed further. */
const maxBlocks = 200;
/** Slots that row spans may fill in one table (a hostile `rowspan` times `colspan` stops here). */
const maxSpanSlots = 2_000_000;

function collapse(text: string): string {
  return inlineMath(text)
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .trim();
}

/** How many `<table` tags open and close in a block's text: only to tell where the table's blocks end. */
function tags(source: string): { open: number; close: number } {
  const lower = source.toLowerCase();
  let open = 0;
  for (let at = lower.indexOf('<table'); at !== -1; at = lower.indexOf('<table', at + 6)) if (!/[\w-]/.test(lower.charAt(at + 6))) open++;
  let close = 0;
  for (let at = lower.indexOf('</table'); at !== -1; at = lower.indexOf('</table', at + 7)) close++;
  return { open, close };
}

function balance(source: string): number {
  const { open, close } = tags(source);
  return open - close;
}

function blockSource(scan: Scan, index: number): string {
  const block = scan.siblings[index];
  const start = block?.position?.start.offset;
  const end = block?.position?.end.offset;
  return start === undefined || end === undefined ? '' : scan.text.slice(start, end);
}

export function htmlGrids(scan: Scan, at: number): Found | null {
  const first = scan.siblings[at];
  if (first?.type !== 'html' || tags(first.value).open === 0) return null;
  // The blocks up to the one that closes the table: HTML blocks, paragraphs with inline HTML (a line of a cell that
  // starts with text) and indented code (an indented row after a blank line). A table that never closes is left.
  let last = at;
  let open = balance(blockSource(scan, at));
  for (let next = at + 1; open > 0 && next < scan.siblings.length && next - at < maxBlocks; next++) {
    const block = scan.siblings[next]!;
    const inline = block.type === 'paragraph' && block.children.some((child) => child.type === 'html');
    // An indented line after a blank one (`    <tr>`) is indented code to Markdown.
    const indented = block.type === 'code' && !/^\s*(?:`{3}|~{3})/.test(blockSource(scan, next));
    if (block.type !== 'html' && !inline && !indented) break;
    open += balance(blockSource(scan, next));
    last = next;
  }
  if (open > 0) return null;
  const { text, firstLine } = spanLines(scan, at, last);
  const root = fromHtml(text, { fragment: true });
  const tables = topTables(root);
  if (tables.length !== 1) return null;
  const table = tables[0]!;
  // Text beside the table in its block: a caption or notes go with it, anything else leaves the table alone.
  const beside = outsideText(root, table);
  const captionLines = beside.filter((line) => captionPattern.test(line));
  const noteLines = beside.filter((line) => !captionPattern.test(line) && notePattern.test(line));
  if (captionLines.length + noteLines.length !== beside.length || captionLines.length > 1) return null;
  const grid = tableGrid(table, firstLine);
  if (!grid) return null;
  // The table's own <caption>, else a caption line beside it in the block, else its title row.
  const { titleRow, ...rest } = grid;
  const caption = grid.caption ?? captionLines[0] ?? titleRow;
  return {
    grids: [
      {
        ...rest,
        index: scan.top,
        place: { siblings: scan.siblings, first: at, last },
        lines: [
          firstLine + (table.position?.start.line ?? 1) - 1,
          table.position?.end ? firstLine + table.position.end.line - 1 : (scan.siblings[last]?.position?.end.line ?? firstLine),
        ],
        ...(caption !== undefined ? { caption } : {}),
        ...(noteLines.length > 0 ? { notes: noteLines } : {}),
      },
    ],
    next: last + 1,
  };
}

/** The tables of a fragment that are not inside another table. */
function topTables(root: HastRoot): Element[] {
  const found: Element[] = [];
  const visit = (nodes: Array<HastContent | ElementContent>) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      if (node.tagName === 'table') found.push(node);
      else visit(node.children);
    }
  };
  visit(root.children);
  return found;
}

/** Lines of text in the fragment outside the table (comments and white space do not count). */
function outsideText(root: HastRoot, table: Element): string[] {
  const lines: string[] = [];
  const holds = (node: Element): boolean => node === table || node.children.some((child) => child.type === 'element' && holds(child));
  const visit = (nodes: Array<HastContent | ElementContent>) => {
    for (const node of nodes) {
      if (node === table) continue;
      if (node.type === 'text') lines.push(...node.value.split('\n'));
      else if (node.type === 'element') {
        if (holds(node)) visit(node.children);
        else lines.push(...toText(node).split('\n'));
      }
    }
  };
  visit(root.children);
  return lines.map(collapse).filter((line) => line !== '');
}

/** A cell without the footnote marks set as superscripts after its figures (`12<sup>a</sup>` reads 12). */
function withoutMarks(node: Element): Element {
  const children: ElementContent[] = [];
  for (const child of node.children) {
    const previous = children[children.length - 1];
    const before = previous === undefined ? '' : previous.type === 'text' ? previous.value : previous.type === 'element' ? toText(previous) : '';
    if (child.type === 'element' && child.tagName === 'sup' && /\d\s*$/.test(before)) {
      const mark = toText(child).trim();
      if (footnoteMark.test(mark)) {
        if (keptMark.test(mark)) children.push({ type: 'text', value: mark });
        continue;
      }
    }
    children.push(child.type === 'element' ? withoutMarks(child) : child);
  }
  return { ...node, children };
}

interface RowOf {
  cells: Element[];
  header: boolean;
  line: number | undefined;
}

function cellsOf(row: Element): Element[] {
  return row.children.filter((child): child is Element => child.type === 'element' && (child.tagName === 'td' || child.tagName === 'th'));
}

function span(value: unknown, fallback: number): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(number) && number >= 0 ? Math.floor(number) : fallback;
}

/** One table element → rows of cell texts with the header's paths (lines relative to the fragment). */
function tableGrid(table: Element, firstLine: number): (Omit<Grid, 'index' | 'place' | 'lines'> & { titleRow?: string }) | null {
  let caption: string | undefined;
  const head: RowOf[] = [];
  const body: RowOf[] = [];
  const foot: RowOf[] = [];
  const take = (row: Element, into: RowOf[], header: boolean) =>
    into.push({ cells: cellsOf(row), header, line: row.position ? firstLine + row.position.start.line - 1 : undefined });
  for (const child of table.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'caption') caption = collapse(toText(child));
    else if (child.tagName === 'tr') take(child, body, false);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      for (const row of child.children) {
        if (row.type === 'element' && row.tagName === 'tr') take(row, child.tagName === 'thead' ? head : child.tagName === 'tfoot' ? foot : body, child.tagName === 'thead');
      }
    }
  }
  const rows = [...head, ...body, ...foot].filter((row) => row.cells.length > 0);
  if (rows.length < 2) return null;

  // The HTML table model: each cell takes the first free slot of its row; row spans hold slots below.
  const placed: PlacedCell[] = [];
  const taken = new Map<number, Set<number>>();
  let budget = maxSpanSlots;
  const isTaken = (row: number, column: number) => taken.get(row)?.has(column) ?? false;
  rows.forEach((row, rowIndex) => {
    let column = 0;
    for (const cell of row.cells) {
      while (isTaken(rowIndex, column)) column++;
      if (column >= maxColumns) break;
      const colspan = Math.min(Math.max(1, span(cell.properties['colSpan'], 1)), maxColumns - column);
      const rowspanValue = span(cell.properties['rowSpan'], 1);
      // `rowspan=0` spans to the end of the table.
      let rowspan = Math.min(rowspanValue === 0 ? rows.length - rowIndex : Math.max(1, rowspanValue), rows.length - rowIndex);
      if (rowspan * colspan > budget) rowspan = 1;
      budget -= rowspan > 1 ? rowspan * colspan : 0;
      if (rowspan > 1) {
        for (let below = rowIndex + 1; below < rowIndex + rowspan; below++) {
          const slots = taken.get(below) ?? new Set<number>();
          for (let offset = 0; offset < colspan; offset++) slots.add(column + offset);
          taken.set(below, slots);
        }
      }
      placed.push({ row: rowIndex, column, colspan, rowspan, text: collapse(toText(withoutMarks(cell))) });
      column += colspan;
    }
  });
  const width = Math.max(0, ...placed.map((cell) => cell.column + cell.colspan));

  // A first row that is one cell across the table is its title.
  let shift = 0;
  let titleRow: string | undefined;
  const firstRow = placed.filter((cell) => cell.row === 0);
  if (rows.length >= 3 && width >= 2 && firstRow.length === 1 && firstRow[0]!.colspan >= width && firstRow[0]!.text !== '') {
    titleRow = firstRow[0]!.text;
    shift = 1;
  }
  const cells = placed.filter((cell) => cell.row >= shift).map((cell) => ({ ...cell, row: cell.row - shift }));
  const kept = rows.slice(shift);

  const marked = kept.filter((row) => row.header).length;
  let leadingTh = 0;
  while (leadingTh < kept.length && kept[leadingTh]!.cells.every((cell) => cell.tagName === 'th')) leadingTh++;
  const headerRows = Math.min(marked > 0 ? marked : leadingTh > 0 ? leadingTh : inferHeaderRows(cells, kept.length), kept.length);
  const laid = layout(cells, kept.length, headerRows);
  // Rows left empty (a spacer `<tr>`) are no data.
  const keep = laid.rows.map((row, index) => index < headerRows || row.some((cell) => cell !== ''));
  return {
    format: 'html',
    rows: laid.rows.filter((_, index) => keep[index]),
    rowLines: kept.map((row) => row.line ?? 0).filter((_, index) => keep[index]),
    headerRows,
    headerPaths: laid.headerPaths,
    ...(caption !== undefined && caption !== '' ? { caption } : {}),
    ...(titleRow !== undefined ? { titleRow } : {}),
  };
}
