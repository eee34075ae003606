/**
 * aligned-grid: plain-text tables whose columns are aligned with spaces, as `pdftotext -layout` writes them. They
 * reach the Markdown as a fenced code block, as indented code, as a paragraph, or as indented code (the header,
 * indented past four spaces) directly followed by a paragraph (the body): a run of such blocks is read together.
 *
 * Columns come from the gaps of two spaces or more that the data rows share (a single space stays inside a cell,
 * so `1 234` and `Ho Chi Minh` are one cell); every text piece then goes to the column it overlaps most. Lines
 * above the first data row form the header: a label wider than its column that covers two columns or more is a
 * group above them (path ["Nationwide", "Cases"]), a label over one column that sits above another is the first part
 * of a wrapped label ("Number" over "of cases"). A caption line above the table and note lines below it, in the
 * same block, go with it.
 *
 * Prose is never read as a table: at least 3 lines, 2 columns and 2 data rows (a row with a figure that is not a
 * year), data rows at least half the body, at most 4 header lines, the body mostly figures, no dot leaders (a table
 * of contents), and a table without header lines needs two columns of figures. A block with any other line is left
 * alone (the cleaning stage replaces a table's blocks whole).
 */
import type { RootContent } from 'mdast';
import type { Found, Grid, Scan } from './grids.js';
import { sourceLines, type SourceLine } from './lines.js';
import { captionPattern, notePattern } from './patterns.js';
import { looksNumeric } from './spans.js';

/** Blocks one aligned table may span (pdftotext leaves a blank line between some rows). */
const maxBlocks = 40;
const maxHeaderLines = 4;
const placeholder = /^(?:-|–|—|n\/?a|\.{2,3}|…|x)$/iu;
const bareYear = /^(?:18|19|20)\d{2}$/;
/** Two non-space characters with two spaces or more between them: a column gap. */
const gap = /\S {2,}\S/;

interface Token {
  start: number;
  end: number;
  text: string;
}

interface Column {
  start: number;
  end: number;
}

function expandTabs(text: string): string {
  let out = '';
  for (const char of text) out += char === '\t' ? ' '.repeat(8 - (out.length % 8)) : char;
  return out;
}

/** Pieces of a line separated by two spaces or more. */
function tokens(text: string): Token[] {
  const found: Token[] = [];
  for (const match of text.matchAll(/\S+(?: \S+)*/g)) found.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  return found;
}

const isFigure = (text: string) => looksNumeric(text) || placeholder.test(text);
const isDataRow = (row: Token[]) => row.length >= 2 && row.some((token) => looksNumeric(token.text) && !bareYear.test(token.text));

function isFenced(block: RootContent, own: SourceLine[]): boolean {
  return block.type === 'code' && /^\s*(?:`{3,}|~{3,})/.test(own[0]?.text ?? '');
}

/** Whether a block may hold (part of) an aligned table: paragraph or code with gapped lines. */
function alignedish(block: RootContent | undefined, lines: string[]): boolean {
  if (block?.type !== 'paragraph' && block?.type !== 'code') return false;
  const own = sourceLines(block, lines).filter((entry) => entry.text.trim() !== '');
  return own.length > 0 && own.filter((entry) => gap.test(entry.text)).length * 2 >= own.length;
}

export function alignedGrid(scan: Scan, at: number): Found | null {
  const block = scan.siblings[at];
  if (!block || !alignedish(block, scan.lines)) return null;
  const own = sourceLines(block, scan.lines);
  if (isFenced(block, own)) {
    const closed = own.length > 1 && /^\s*(?:`{3,}|~{3,})\s*$/.test(own[own.length - 1]!.text);
    const grid = analyse(own.slice(1, closed ? -1 : undefined));
    return grid ? { grids: [placed(grid, scan, at, at)], next: at + 1 } : null;
  }
  // A run of adjacent paragraphs and indented code (at most one blank line between), read as one text.
  let last = at;
  while (last + 1 < scan.siblings.length && last + 1 - at < maxBlocks) {
    const next = scan.siblings[last + 1]!;
    const previousEnd = scan.siblings[last]!.position?.end.line ?? 0;
    if (next.type === 'code' && isFenced(next, sourceLines(next, scan.lines))) break;
    if (!alignedish(next, scan.lines) || (next.position?.start.line ?? 0) - previousEnd > 2) break;
    last++;
  }
  for (let end = last; end >= at; end--) {
    const entries = scan.siblings.slice(at, end + 1).flatMap((member) => sourceLines(member, scan.lines));
    const grid = analyse(entries);
    if (grid) return { grids: [placed(grid, scan, at, end)], next: end + 1 };
  }
  return null;
}

function placed(grid: Omit<Grid, 'index' | 'place' | 'lines'>, scan: Scan, first: number, last: number): Grid {
  return {
    ...grid,
    index: scan.top,
    place: { siblings: scan.siblings, first, last },
    lines: [scan.siblings[first]?.position?.start.line ?? 0, scan.siblings[last]?.position?.end.line ?? 0],
  };
}

/** Lines → a grid, or null when they are not a table. */
export function analyse(entries: SourceLine[]): Omit<Grid, 'index' | 'place' | 'lines'> | null {
  const rows = entries.map((entry) => ({ line: entry.line, text: expandTabs(entry.text).trimEnd() })).filter((entry) => entry.text.trim() !== '');
  let caption: string | undefined;
  if (rows.length > 0 && captionPattern.test(rows[0]!.text.trim())) caption = rows.shift()!.text.trim().replace(/\s+/g, ' ');
  const notes: string[] = [];
  while (rows.length > 0 && notePattern.test(rows[rows.length - 1]!.text.trim())) notes.unshift(rows.pop()!.text.trim().replace(/\s+/g, ' '));
  if (rows.length < 3 || rows.some((row) => /\.{4,}|…{2,}|(?:\. ){3,}/.test(row.text))) return null;
  const pieces = rows.map((row) => tokens(row.text));
  const firstData = pieces.findIndex(isDataRow);
  if (firstData === -1 || firstData > maxHeaderLines) return null;
  const header = pieces.slice(0, firstData);
  const body = pieces.slice(firstData);
  const data = body.filter(isDataRow);
  if (data.length < 2 || data.length * 2 < body.length) return null;

  // Columns: the spans of the data rows' pieces, merged where less than two spaces apart.
  const spans = data.flat().sort((a, b) => a.start - b.start);
  const columns: Column[] = [];
  for (const piece of spans) {
    const last = columns[columns.length - 1];
    if (last && piece.start < last.end + 2) last.end = Math.max(last.end, piece.end);
    else columns.push({ start: piece.start, end: piece.end });
  }
  const width = columns.length;
  if (width < 2) return null;

  const bodyRows = body.map((row) => cellsOf(row, columns));
  const figures = bodyRows.flatMap((row) => row.slice(1)).filter((cell) => cell !== '');
  const numeric = figures.filter(isFigure).length;
  if (numeric < 2 || numeric < figures.length * 0.6) return null;
  if (header.length === 0) {
    const numericColumns = columns.filter((_, column) => column > 0 && bodyRows.some((row) => looksNumeric(row[column] ?? ''))).length;
    if (numericColumns < 2) return null;
  }

  const { paths, headerCells } = headerOf(header, columns);
  return {
    format: 'aligned',
    rows: [...headerCells, ...bodyRows],
    rowLines: rows.map((row) => row.line),
    headerRows: header.length,
    headerPaths: paths,
    ...(caption !== undefined ? { caption } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

function overlap(piece: Token, column: Column): number {
  return Math.min(piece.end, column.end) - Math.max(piece.start, column.start);
}

/** The column a piece overlaps most, or the nearest one. */
function columnOf(piece: Token, columns: Column[]): number {
  let best = 0;
  let score = -Infinity;
  columns.forEach((column, index) => {
    const value = overlap(piece, column);
    if (value > score) {
      score = value;
      best = index;
    }
  });
  return best;
}

function cellsOf(row: Token[], columns: Column[]): string[] {
  const cells = Array<string>(columns.length).fill('');
  for (const piece of row) {
    const column = columnOf(piece, columns);
    cells[column] = cells[column] ? `${cells[column]} ${piece.text}` : piece.text;
  }
  return cells;
}

/** Header lines → column paths: groups (pieces over two columns or more) from the top, then the wrapped label. */
function headerOf(header: Token[][], columns: Column[]): { paths: string[][]; headerCells: string[][] } {
  const width = columns.length;
  // Columns widened to their own labels (the last header line), so a group is told by the labels it spans.
  const widened = columns.map((column) => ({ ...column }));
  for (const piece of header[header.length - 1] ?? []) {
    const column = widened[columnOf(piece, columns)]!;
    column.start = Math.min(column.start, piece.start);
    column.end = Math.max(column.end, piece.end);
  }
  const groups: string[][] = Array.from({ length: width }, () => []);
  const labels: string[][] = Array.from({ length: width }, () => []);
  const headerCells = header.map((line, lineIndex) => {
    const cells = Array<string>(width).fill('');
    for (const piece of line) {
      const covered = widened.map((column, index) => (overlap(piece, column) > 0 ? index : -1)).filter((index) => index >= 0);
      const isGroup = lineIndex < header.length - 1 && covered.length >= 2;
      const targets = isGroup ? covered : [columnOf(piece, lineIndex < header.length - 1 ? widened : columns)];
      for (const column of targets) {
        // A group label drawn between rules (`---- Cases ----`) is the words.
        (isGroup ? groups : labels)[column]!.push(isGroup ? piece.text.replace(/^[-–—=_~\s]+|[-–—=_~\s]+$/g, '') || piece.text : piece.text);
        cells[column] = cells[column] ? `${cells[column]} ${piece.text}` : piece.text;
      }
    }
    return cells;
  });
  const paths = Array.from({ length: width }, (_, column) => {
    const label = labels[column]!.join(' ');
    const path = [...groups[column]!, label].filter((part) => part !== '');
    return path.length > 0 ? path : [`Column ${column + 1}`];
  });
  return { paths, headerCells };
}
