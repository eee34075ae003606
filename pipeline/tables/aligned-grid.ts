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
 * same block, go with it. Rules drawn with characters (`-----`, `+----+`) are skipped, pipes that border a grid
 * (`| Hanoi | 412 |`) are read as spaces, and a header line that a rule of dashes made a setext heading is read.
 *
 * Prose is never read as a table: at least 3 lines, 2 columns and 2 data rows (a row with a figure that is not a
 * year), data rows at least half the body, at most 4 header lines, the body mostly figures, no dot leaders (a table
 * of contents), and a table without header lines needs two columns of figures. A block with any other line is left
 * alone (the cleaning stage replaces a table's blocks whole).
 */
import type { RootContent } from 'mdast';
import { cellText } from './cell-text.js';
import type { Found, Grid, Scan } from './grids.js';
import { sourceLines, type SourceLine } from './lines.js';
import { captionPattern, notePattern } from './patterns.js';
import { looksNumeric } from './spans.js';

/** Blocks one aligned table may span (pdftotext leaves a blank line between some rows). */
const maxBlocks = 40;
const maxHeaderLines = 4;
/** More columns than this is no table pdftotext laid out, but text with ragged gaps. */
const maxColumns = 60;
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

/** Pieces of a line separated by two spaces or more, as a reader sees them (tags and bold marks gone, as in GFM cells). */
function tokens(text: string): Token[] {
  const found: Token[] = [];
  for (const match of text.matchAll(/\S+(?: \S+)*/g)) {
    const seen = cellText(match[0]);
    if (seen !== '') found.push({ start: match.index, end: match.index + match[0].length, text: seen });
  }
  return found;
}

const isFigure = (text: string) => looksNumeric(text) || placeholder.test(text);
const mostlyFigures = (pieces: Token[]) => pieces.filter((piece) => isFigure(piece.text)).length * 2 >= pieces.length;
const isDataRow = (row: Token[]) => row.length >= 2 && row.some((token) => looksNumeric(token.text) && !bareYear.test(token.text));

function isFenced(block: RootContent, own: SourceLine[]): boolean {
  return block.type === 'code' && /^\s*(?:`{3,}|~{3,})/.test(own[0]?.text ?? '');
}

/** A non-blank line, tabs expanded, cut into pieces. */
interface Line {
  line: number;
  text: string;
  pieces: Token[];
  data: boolean;
}

function lineOf(entry: SourceLine): Line {
  // A grid drawn with pipes (`| Hanoi  |  412 |`, as psql and tabulate write it): the pipes are borders.
  const expanded = expandTabs(entry.text).trimEnd();
  const text = /^\s*\|.*\|$/.test(expanded) ? expanded.replaceAll('|', ' ').trimEnd() : expanded;
  const pieces = tokens(text);
  return { line: entry.line, text, pieces, data: isDataRow(pieces) };
}

/** Rules drawn with characters (`-----`, `===`, `+----+`) separate rows; they hold no cells. */
const ruleLine = /^[\s\-=_–—+|~]*[-=_–—~]{3}[\s\-=_–—+|~]*$/;
/** Lines with cells: not blank, not a rule, not only tags (a lone `</b>` the cleaning removes: the table must not
 * appear only once it is gone). */
const linesOf = (entries: SourceLine[]) =>
  entries.filter((entry) => cellText(entry.text) !== '' && !ruleLine.test(entry.text)).map(lineOf);

interface BlockInfo {
  lines: SourceLine[];
  rows: Line[];
  /** Non-blank lines, and how many of them have a gap of two spaces, or are data rows. */
  filled: number;
  gapped: number;
  data: number;
  /** A data row stands among the first lines (after a caption and a header of at most four lines). */
  dataEarly: boolean;
  /** Most pieces after each line's first are figures. */
  figures: boolean;
}

/** What the detector needs to know of a block, computed once per block (pdftotext prose is full of double spaces). */
const infos = new WeakMap<RootContent, BlockInfo>();

function infoOf(block: RootContent, lines: string[]): BlockInfo {
  const known = infos.get(block);
  if (known) return known;
  const own = sourceLines(block, lines);
  const rows = linesOf(own);
  const info: BlockInfo = {
    lines: own,
    rows,
    filled: rows.length,
    gapped: rows.filter((row) => gap.test(row.text)).length,
    data: rows.filter((row) => row.data).length,
    dataEarly: rows.slice(0, maxHeaderLines + 2).some((row) => row.data),
    figures: mostlyFigures(rows.flatMap((row) => row.pieces.slice(1))),
  };
  infos.set(block, info);
  return info;
}

/**
 * Whether a block may hold (part of) an aligned table: paragraph or code with gapped lines; or, as the first block,
 * a setext heading (a header line that a rule of dashes below it made a heading).
 */
function alignedish(block: RootContent | undefined, lines: string[], first = false): block is RootContent {
  const setext = first && block?.type === 'heading' && (block.position?.end.line ?? 0) > (block.position?.start.line ?? 0);
  if (block?.type !== 'paragraph' && block?.type !== 'code' && !setext) return false;
  // Without two spaces, a tab or a pipe no line can have a gap: most prose leaves here, before it is cut into pieces.
  if (!infos.has(block) && !sourceLines(block, lines).some((entry) => /  |\t|\|/.test(entry.text))) return false;
  const info = infoOf(block, lines);
  return info.filled > 0 && info.gapped * 2 >= info.filled;
}

export function alignedGrid(scan: Scan, at: number): Found | null {
  const block = scan.siblings[at];
  if (!alignedish(block, scan.lines, true)) return null;
  const first = infoOf(block, scan.lines);
  if (isFenced(block, first.lines)) {
    const own = first.lines;
    const closed = own.length > 1 && /^\s*(?:`{3,}|~{3,})\s*$/.test(own[own.length - 1]!.text);
    const grid = analyse(linesOf(own.slice(1, closed ? -1 : undefined)));
    return grid ? { grids: [placed(grid, scan, at, at)], next: at + 1 } : null;
  }
  // A run of adjacent paragraphs and indented code (at most one blank line between): the first may be the header
  // alone, the others are mostly data rows.
  let last = at;
  while (last + 1 < scan.siblings.length && last + 1 - at < maxBlocks) {
    const next = scan.siblings[last + 1];
    const previousEnd = scan.siblings[last]!.position?.end.line ?? 0;
    if (!alignedish(next, scan.lines) || (next.position?.start.line ?? 0) - previousEnd > 2) break;
    const info = infoOf(next, scan.lines);
    if (isFenced(next, info.lines) || info.data * 2 < info.filled || !info.figures) break;
    last++;
  }
  if (!first.dataEarly && last === at) return null;
  // The whole run, else shorter runs (a last block that is no part of the table), a few tries only.
  for (const end of new Set([last, last - 1, last - 2, at].filter((end) => end >= at))) {
    const grid = analyse(scan.siblings.slice(at, end + 1).flatMap((member) => infoOf(member, scan.lines).rows));
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
function analyse(lines: Line[]): Omit<Grid, 'index' | 'place' | 'lines'> | null {
  const rows = [...lines];
  let caption: string | undefined;
  if (rows.length > 0 && captionPattern.test(rows[0]!.text.trim())) caption = rows.shift()!.text.trim().replace(/\s+/g, ' ');
  const notes: string[] = [];
  while (rows.length > 0 && notePattern.test(rows[rows.length - 1]!.text.trim())) notes.unshift(rows.pop()!.text.trim().replace(/\s+/g, ' '));
  if (rows.length < 3 || rows.some((row) => /\.{4,}|…{2,}|(?:\. ){3,}/.test(row.text))) return null;
  const firstData = rows.findIndex((row) => row.data);
  if (firstData === -1 || firstData > maxHeaderLines) return null;
  const header = rows.slice(0, firstData).map((row) => row.pieces);
  const body = rows.slice(firstData).map((row) => row.pieces);
  const data = rows.slice(firstData).filter((row) => row.data).map((row) => row.pieces);
  if (data.length < 2 || data.length * 2 < body.length) return null;
  // Mostly figures, judged from the pieces before the columns are made (prose fails here, fast).
  if (!mostlyFigures(body.flatMap((row) => row.slice(1)))) return null;

  // Columns: the spans of the data rows' pieces, merged where less than two spaces apart.
  const spans = data.flat().sort((a, b) => a.start - b.start);
  const columns: Column[] = [];
  for (const piece of spans) {
    const last = columns[columns.length - 1];
    if (last && piece.start < last.end + 2) last.end = Math.max(last.end, piece.end);
    else columns.push({ start: piece.start, end: piece.end });
  }
  const width = columns.length;
  if (width < 2 || width > maxColumns) return null;

  // Rows that are not aligned (a pipe table with cells of varying width, text with ragged gaps) put two pieces in
  // one column: a few such rows may be a cell with a wide space inside, many mean no columns.
  const crowded = data.filter((row) => new Set(row.map((piece) => columnOf(piece, columns))).size < row.length).length;
  if (crowded * 5 > data.length) return null;
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
