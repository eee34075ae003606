/**
 * latex-grid: LaTeX `tabular`s as nougat writes them into Markdown (`\begin{tabular}{|l|c|c|}`, `&` between cells,
 * `\\` at row ends, `\hline`, `\multicolumn{3}{c}{Nationwide}`, `\multirow{2}{*}{Year}`, `\textbf{…}`), often a
 * whole tabular on one line, inside `\begin{table}` with a `\caption{}`, in a paragraph or a code block.
 *
 * remark unescapes the paragraph's text (`\\` → `\`, `\&` → `&`, `1\,000` → `1,000`), so the table is read from the
 * source text by the block's position. A tabular with blank lines inside spans several blocks: they are read
 * together up to its `\end{tabular}`.
 *
 * - Header rows: the first row, the rows a `\multirow` in it spans and the rows below a `\multicolumn` group (as
 *   for HTML, spans.ts), extended down to the first rule (`\hline`, `\midrule`) when the rows above it hold no data.
 * - `\multicolumn{n}` spans n columns, `\multirow{n}` n rows (LaTeX leaves an empty cell below it, which the label
 *   fills; a figure stands once). A first row that is one `\multicolumn` across the table is its title.
 * - Cell text: formatting commands keep their argument (`\textbf{Total}` → `Total`), `\%` → `%`, `1\,000` → `1 000`,
 *   `$-0.5$` → `-0.5`, `12.3$^{***}$` → `12.3***`, `12$^{a}$` → `12` (a footnote mark), `--` → `–`; colour and spacing commands go with their arguments.
 * - The block may hold `\begin{table}`, `\centering`, `\caption{…}` (the caption), `\label{}`, a `Table 1: …` line
 *   (the caption) and `\item`s of `tablenotes` or `Source:` lines (notes); a block with any other text, or with two
 *   tabulars, is left alone (the cleaning stage replaces a table's blocks whole).
 * - Math `array`s are matrices and equations, not tables: they are not read.
 */
import { cellText } from './cell-text.js';
import type { Found, Scan } from './grids.js';
import { spanLines } from './lines.js';
import { captionPattern, notePattern } from './patterns.js';
import { group, latexText, optional } from './latex-text.js';
import { inferHeaderRows, isDataRow, layout, maxColumns, maxHeaderRows, type PlacedCell } from './spans.js';

const maxBlocks = 50;
const environment = /\\(begin|end)\s*\{(tabular\*?|tabularx|tabulary|longtable\*?)\}/g;

interface RawRow {
  cells: string[];
  /** A rule (`\hline`, `\midrule`) stands right above the row. */
  ruleAbove: boolean;
  /** Offset of the row in the tabular's body. */
  offset: number;
}

const rules =
  /^(?:\s*(?:\\(?:hline|toprule|midrule|bottomrule|morecmidrules|endhead|endfirsthead|endfoot|endlastfoot|hdashline|Xhline\{[^}]*\}|specialrule\{[^}]*\}\{[^}]*\}\{[^}]*\}|cline\{[^}]*\}|cdashline\{[^}]*\}|cmidrule(?:\([^)]*\))?\{[^}]*\}|hhline\{[^}]*\}|addlinespace(?:\[[^\]]*\])?|rowcolor(?:\[[^\]]*\])?\{[^}]*\}|noalign\{[^}]*\})))+/;

/** The tabular's body → rows of raw cells, split at `&` and `\\` outside braces. */
function splitRows(body: string): RawRow[] {
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let depth = 0;
  let rowStart = 0;
  const endRow = (at: number) => {
    cells.push(cell);
    const first = cells[0]!;
    const rule = rules.exec(first);
    if (rule) cells[0] = first.slice(rule[0].length);
    rows.push({ cells, ruleAbove: rule !== null, offset: rowStart });
    cells = [];
    cell = '';
    rowStart = at;
    while (rowStart < body.length && /\s/.test(body.charAt(rowStart))) rowStart++;
  };
  for (let at = 0; at < body.length; ) {
    const char = body.charAt(at);
    if (char === '%') {
      const end = body.indexOf('\n', at);
      at = end === -1 ? body.length : end;
      continue;
    }
    if (char === '\\') {
      const next = body.charAt(at + 1);
      if (next === '\\' && depth === 0) {
        at = optional(body, at + 2);
        endRow(at);
        continue;
      }
      const word = /^[a-zA-Z]+/.exec(body.slice(at + 1, at + 40))?.[0];
      if (word === 'tabularnewline' && depth === 0) {
        at += 1 + word.length;
        endRow(at);
        continue;
      }
      cell += body.slice(at, at + 2);
      at += 2;
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    if (char === '&' && depth === 0) {
      cells.push(cell);
      cell = '';
    } else cell += char;
    at++;
  }
  if (cells.length > 0 || cell.trim() !== '') endRow(body.length);
  // A row of rules only (after the last `\\`) is the rule below the table; it marks nothing.
  const kept: RawRow[] = [];
  rows.forEach((row, index) => {
    const empty = row.cells.length === 1 && latexText(row.cells[0]!) === '';
    if (!empty) kept.push(row);
    else if (row.ruleAbove || rules.test(row.cells[0]!)) {
      const following = rows[index + 1];
      if (following) following.ruleAbove = true;
    }
  });
  return kept;
}

interface CellSpan {
  text: string;
  colspan: number;
  rowspan: number;
}

/** One raw cell → its text and spans (`\multicolumn{n}{spec}{…}`, `\multirow{n}{width}{…}`, either inside the other). */
function parseCell(raw: string): CellSpan {
  const text = raw.replace(rules, '').trim();
  const multicolumn = /^\\multicolumn\b/.exec(text);
  if (multicolumn) {
    const count = group(text, multicolumn[0].length);
    const spec = count ? group(text, count.end) : null;
    const content = spec ? group(text, spec.end) : null;
    if (count && content) {
      const inner = parseCell(content.content);
      return { ...inner, colspan: clamp(Number.parseInt(count.content, 10), maxColumns) };
    }
  }
  const multirow = /^\\multirow(?:cell)?\b/.exec(text);
  if (multirow) {
    let at = optional(text, multirow[0].length);
    const count = group(text, at);
    if (count) {
      at = optional(text, count.end);
      const second = group(text, at);
      const third = second ? group(text, optional(text, second.end)) : null;
      // `\multirow{n}{width}{text}`; `\multirowcell{n}{text}` has no width.
      const content = third ?? second;
      if (content) {
        const rows = Number.parseInt(count.content, 10);
        return { text: cellText(latexText(content.content)), colspan: 1, rowspan: rows > 1 ? clamp(rows, 1000) : 1 };
      }
    }
  }
  // Markup a converter left in a cell (`<br>`, `<b>`) is read as a GFM cell reads it.
  return { text: cellText(latexText(text)), colspan: 1, rowspan: 1 };
}

function clamp(value: number, max: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(1, value), max) : 1;
}

/** Where each tabular begins and ends in a text (top level only: a tabular inside a cell is part of it). */
function tabulars(text: string): Array<{ name: string; start: number; bodyStart: number; bodyEnd: number; end: number }> {
  const found: Array<{ name: string; start: number; bodyStart: number; bodyEnd: number; end: number }> = [];
  let open: { name: string; start: number; bodyStart: number } | null = null;
  let depth = 0;
  for (const match of text.matchAll(environment)) {
    const [whole, kind, name] = match as unknown as [string, string, string];
    if (kind === 'begin') {
      if (depth++ > 0) continue;
      // The arguments: `[pos]{spec}`, `{width}[pos]{spec}` for tabular*, tabularx, tabulary.
      let at = match.index + whole.length;
      if (/^(?:tabular\*|tabularx|tabulary)$/.test(name)) at = group(text, at)?.end ?? at;
      at = optional(text, at);
      at = group(text, at)?.end ?? at;
      open = { name, start: match.index, bodyStart: at };
    } else if (depth > 0 && --depth === 0 && open) {
      found.push({ ...open, bodyEnd: match.index, end: match.index + whole.length });
      open = null;
    }
  }
  return found;
}

/** How many tabulars a block opens and does not close. */
function balance(text: string): number {
  let open = 0;
  for (const match of text.matchAll(environment)) open += match[1] === 'begin' ? 1 : -1;
  return open;
}

/** The text around the tabular: caption and notes, or null when it holds anything else. */
function surroundings(outside: string): { caption?: string; notes: string[] } | null {
  let caption: string | undefined;
  const notes: string[] = [];
  let rest = outside.replace(/(?<!\\)%.*$/gm, '');
  const captionCommand = /\\caption\*?(?:\[[^\]]*\])?/.exec(rest);
  if (captionCommand) {
    const content = group(rest, captionCommand.index + captionCommand[0].length);
    if (content) {
      caption = latexText(content.content);
      rest = rest.slice(0, captionCommand.index) + rest.slice(content.end);
    }
  }
  rest = rest.replace(/\\item\b(?:\[[^\]]*\])?([^\n]*)/g, (_, note: string) => {
    const text = latexText(note);
    if (text !== '') notes.push(text);
    return '';
  });
  const lines = rest
    .replace(/\\(?:begin|end)\s*\{[^}]*\}(?:\[[^\]]*\])?/g, '')
    .replace(/\\[a-zA-Z]+\*?(?:\[[^\]]*\])?(?:\{[^{}]*\})*/g, '')
    .replace(/\$\$|\\\[|\\\]|^\s*(?:`{3,}|~{3,})\S*\s*$|[{}]/gm, '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  for (const line of lines) {
    const plain = line.replace(/(\*\*|__)(.+?)\1/g, '$2');
    if (caption === undefined && captionPattern.test(plain)) caption = plain;
    else if (notePattern.test(plain)) notes.push(plain);
    else return null;
  }
  return { ...(caption !== undefined ? { caption } : {}), notes };
}

export function latexGrids(scan: Scan, at: number): Found | null {
  const block = scan.siblings[at];
  if (!block || (block.type !== 'paragraph' && block.type !== 'code' && block.type !== 'html')) return null;
  const firstText = spanLines(scan, at, at).text;
  if (!/\\begin\s*\{(?:tabular\*?|tabularx|tabulary|longtable\*?)\}/.test(firstText)) return null;
  let last = at;
  let open = balance(firstText);
  while (open > 0 && last + 1 < scan.siblings.length && last + 1 - at < maxBlocks) {
    const next = scan.siblings[last + 1]!;
    if (next.type !== 'paragraph' && next.type !== 'code' && next.type !== 'html') break;
    last++;
    open += balance(spanLines(scan, last, last).text);
  }
  // A tabular that never ends is no table we can read.
  if (open > 0) return null;
  const { text, firstLine } = spanLines(scan, at, last);
  const found = tabulars(text);
  if (found.length !== 1) return null;
  const tabular = found[0]!;
  const around = surroundings(text.slice(0, tabular.start) + '\n' + text.slice(tabular.end));
  if (!around) return null;
  const breaks: number[] = [];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks.push(at);
  /** The source line of an offset in `text`: how many line breaks stand before it. */
  const lineAt = (offset: number) => {
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (breaks[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    return firstLine + low;
  };

  const raw = splitRows(text.slice(tabular.bodyStart, tabular.bodyEnd));
  const placed: PlacedCell[] = [];
  raw.forEach((row, rowIndex) => {
    let column = 0;
    for (const cell of row.cells) {
      if (column >= maxColumns) break;
      const span = parseCell(cell);
      placed.push({ row: rowIndex, column, colspan: Math.min(span.colspan, maxColumns - column), rowspan: Math.min(span.rowspan, raw.length - rowIndex), text: span.text });
      column += span.colspan;
    }
  });
  const width = Math.max(0, ...placed.map((cell) => cell.column + cell.colspan));
  // A first row that is one `\multicolumn` across the table is its title.
  let caption = around.caption;
  let shift = 0;
  const firstRow = placed.filter((cell) => cell.row === 0);
  if (raw.length >= 3 && width >= 2 && firstRow.length === 1 && firstRow[0]!.colspan >= width && firstRow[0]!.text !== '') {
    caption ??= firstRow[0]!.text;
    shift = 1;
  }
  const cells = placed.filter((cell) => cell.row >= shift).map((cell) => ({ ...cell, row: cell.row - shift }));
  const rows = raw.slice(shift);
  if (rows.length < 2 || width < 1) return null;

  let headerRows = inferHeaderRows(cells, rows.length);
  for (let below = Math.max(headerRows, 1); below <= Math.min(maxHeaderRows, rows.length - 1); below++) {
    if (isDataRow(cells.filter((cell) => cell.row === below - 1 && cell.row >= headerRows))) break;
    if (rows[below]!.ruleAbove) {
      headerRows = below;
      break;
    }
  }
  const laid = layout(cells, rows.length, headerRows);
  const keep = laid.rows.map((row, index) => index < headerRows || row.some((cell) => cell !== ''));
  return {
    grids: [
      {
        format: 'latex',
        index: scan.top,
        place: { siblings: scan.siblings, first: at, last },
        lines: [scan.siblings[at]?.position?.start.line ?? firstLine, scan.siblings[last]?.position?.end.line ?? firstLine],
        rows: laid.rows.filter((_, index) => keep[index]),
        rowLines: rows.map((row) => lineAt(tabular.bodyStart + row.offset)).filter((_, index) => keep[index]),
        headerRows,
        headerPaths: laid.headerPaths,
        ...(caption !== undefined && caption !== '' ? { caption } : {}),
        ...(around.notes.length > 0 ? { notes: around.notes } : {}),
      },
    ],
    next: last + 1,
  };
}
