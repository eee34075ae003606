/**
 * tables: a source's mdast → table records per the contract `mdbrief.tables/1` (../shared/contracts/tables.md).
 * Finds each table (grids.ts: GFM, tab-separated, HTML, LaTeX, aligned text), joins the parts of a table that a page
 * break split (continuations.ts), splits its header from its body (header.ts), reads each column in one number
 * convention (numbers.ts), marks total and section rows, ties the caption and notes to it (caption.ts) and checks
 * stated totals.
 */
import type { Root } from 'mdast';
import type { Diagnostic, RowKind, Source, TableCheck, TableColumn, TableRecord, TableRow } from '../types.js';
import { findCaptions } from './caption.js';
import { joinContinuations } from './continuations.js';
import { notDataReason } from './data-grid.js';
import { findGrids, type Grid } from './grids.js';
import { blankGenerated, headerOf, headerWidth, pad } from './header.js';
import { extendPaths, leakedHeaderRows, pathsFromRows, stubColumns, unitRow } from './header-rows.js';
import { conventionEvidence, isReferenceHeader, numberTexts, parseColumn, type ConventionEvidence } from './numbers.js';
import { totalLabel } from './patterns.js';
import { detectLanguage, thousandsSeparator } from '../metadata/index.js';

export { totalLabel };

/** The first line of a table's caption block when page furniture stands between the two: cleaning moves it down. */
export const captionLines = new WeakMap<TableRecord, number>();

export interface TablesResult {
  tables: TableRecord[];
  diagnostics: Diagnostic[];
}

export function extractTables(source: Source, tree: Root): TablesResult {
  const grids = joinContinuations(findGrids(tree, source.text), source.text);
  const captions = findCaptions(tree, grids, source.text);
  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();
  // What every table's figures say about the number convention, for columns whose own figures do not say.
  const notData = grids.map(notDataReason);
  const headers = grids.map((grid, position) => (notData[position] ? null : fullHeader(grid)));
  const sourceEvidence = conventionEvidence(grids.flatMap((grid, position) => (headers[position] ? figureTexts(grid, headers[position]) : [])));
  // Failing that, how the source's language writes numbers: `1.234` is 1234 in German, 1.234 in English.
  const separator = thousandsSeparator(detectLanguage(source.text));
  const languageEvidence: ConventionEvidence = { dot: separator === 'dot' ? 1 : 0, comma: separator === 'comma' ? 1 : 0 };
  const tables = grids.flatMap((grid, position): TableRecord[] => {
    const header = headers[position];
    if (!header) {
      diagnostics.push({ severity: 'warning', file: source.path, line: grid.lines[0], message: `${notData[position]}: left as text, not read as a table` });
      return [];
    }
    const caption = captions[position] ?? { label: null, title: null, notes: [] };
    const record = toRecord(grid, header, caption, position, used, [sourceEvidence, languageEvidence]);
    if (record && caption.line !== undefined) captionLines.set(record, caption.line);
    if (!record) {
      diagnostics.push({ severity: 'warning', file: source.path, line: grid.lines[0], message: 'a table with no data rows was skipped' });
      return [];
    }
    return [record];
  });
  return { tables, diagnostics };
}

/** `Table 1` → `table-1`; `Fig 2` → `fig-2`; no label → `table-N` by order. */
export function tableId(label: string | null, position: number, used: Set<string>): string {
  const base = label
    ? label
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, '') || `table-${position + 1}`
    : `table-${position + 1}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/** `Nationwide in Vietnam` + `Cases` → `nationwide_in_vietnam.cases`. */
function columnKey(path: string[], used: Set<string>): string {
  const base =
    path
      .map((part) => part.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, ''))
      .filter(Boolean)
      .join('.') || 'column';
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}_${n}`;
  used.add(key);
  return key;
}

function toRecord(
  grid: Grid,
  { paths, bodyStart }: { paths: string[][]; bodyStart: number },
  caption: { label: string | null; title: string | null; notes: string[] },
  position: number,
  used: Set<string>,
  around: ConventionEvidence[],
): TableRecord | null {
  // The header decides the width; data rows wider than it are ragged.
  const width = paths.length;
  const checks: TableCheck[] = [];
  const body = grid.rows.slice(bodyStart).map((row, offset) => {
    const line = grid.rowLines?.[bodyStart + offset];
    if (row.length === width) return row;
    if (row.length < width) {
      checks.push({ kind: 'ragged-row', ...(line ? { line } : {}), message: `Row ${offset + 1} has ${row.length} cells for ${width} columns: padded with empty cells` });
      return pad(row, width);
    }
    checks.push({ kind: 'ragged-row', ...(line ? { line } : {}), message: `Row ${offset + 1} has ${row.length} cells for ${width} columns: the extra cells were merged into the last column` });
    return [...row.slice(0, width - 1), row.slice(width - 1).filter(Boolean).join(' ')];
  });
  if (body.length === 0) return null;
  const kinds: RowKind[] = body.map((row) => {
    const filled = row.filter((cell) => cell !== '');
    if (filled.length > 0 && totalLabel.test(filled[0]!)) return 'total';
    if (width > 1 && filled.length === 1 && row[0] !== '' && !/^[-−(]?\d/.test(row[0]!)) return 'section';
    return 'data';
  });
  const keys = new Set<string>();
  const tableEvidence = conventionEvidence(figureTexts(grid, { paths, bodyStart }));
  const parsed = paths.map((path, column) =>
    parseColumn(
      body.map((row) => row[column] ?? ''),
      kinds.map((kind) => kind === 'data'),
      path.join(' '),
      [tableEvidence, ...around],
    ),
  );
  const columns: TableColumn[] = paths.map((path, column) => ({ key: columnKey(path, keys), path, type: parsed[column]!.type }));
  parsed.forEach((column, index) => {
    if (column.doubtful.length === 0) return;
    const example = column.doubtful[0]!;
    checks.push({
      kind: 'doubtful-number',
      column: columns[index]!.key,
      message: `Column "${paths[index]!.join(' / ')}": "${example}" may be a decimal or a number in thousands, and no other figure says which: ${column.doubtful.length === 1 ? 'kept' : `${column.doubtful.length} cells kept`} as text`,
    });
  });
  const rows: TableRow[] = body.map((_, index) => ({ kind: kinds[index]!, cells: parsed.map((column) => column.cells[index]!) }));
  checks.push(...totalChecks(columns, rows));
  return {
    id: tableId(caption.label, position, used),
    label: caption.label,
    title: caption.title,
    notes: caption.notes,
    format: grid.format,
    lines: grid.lines,
    columns,
    rows,
    checks,
  };
}

/** The number texts of a grid's body, but for columns of references (`Note`: `4,16` there is a list, not a decimal). */
function figureTexts(grid: Grid, { paths, bodyStart }: { paths: string[][]; bodyStart: number }): string[] {
  const kept = paths.map((path) => !isReferenceHeader(path.join(' ')));
  return grid.rows.slice(bodyStart).flatMap((row) => row.filter((_, column) => kept[column] ?? true).flatMap(numberTexts));
}

/**
 * Paths without a level that only states units over several columns (`(in millions)` above `2024`, `2025`): the unit
 * is no column's label. A column whose only label it is keeps it.
 */
function withoutUnitLevels(paths: string[][]): string[][] {
  const counts = new Map<string, number>();
  for (const path of paths) for (const label of new Set(path)) counts.set(label, (counts.get(label) ?? 0) + 1);
  return paths.map((path) => {
    const kept = path.filter((label) => !(unitRow([label]) && (counts.get(label) ?? 0) > 1));
    return kept.length > 0 ? kept : path;
  });
}

/** The header's paths and first body row, counting the header rows a converter left at the top of the body. */
function fullHeader(grid: Grid): { paths: string[][]; bodyStart: number } {
  const { paths, bodyStart } = headerWithLeakedRows(grid);
  return { paths: withoutUnitLevels(paths), bodyStart };
}

function headerWithLeakedRows(grid: Grid): { paths: string[][]; bodyStart: number } {
  const header = headerOf(grid, headerWidth(grid));
  const width = header.paths.length;
  const body = grid.rows.slice(header.bodyStart).map((row) => pad(row, width));
  const upper = grid.headerPaths ? header.paths.map((path) => path.at(-1) ?? '') : blankGenerated(pad(grid.rows[header.bodyStart - 1] ?? [], width));
  const taken = leakedHeaderRows(upper, body);
  if (taken === 0 && (grid.headerPaths || header.bodyStart < 2)) return header;
  // A row of units under the labels is read past: it is no level of any column's path.
  const leaked = body.slice(0, taken).filter((row) => !unitRow(row));
  const paths = grid.headerPaths
    ? extendPaths(header.paths, leaked)
    : pathsFromRows([...grid.rows.slice(0, header.bodyStart).map(blankGenerated), ...leaked], width, stubColumns(body.slice(taken), width));
  return { paths, bodyStart: header.bodyStart + taken };
}

/** Each total row against the sum of the data rows above it (since the previous total or section), per numeric column. */
function totalChecks(columns: TableColumn[], rows: TableRow[]): TableCheck[] {
  const checks: TableCheck[] = [];
  let from = 0;
  rows.forEach((row, index) => {
    if (row.kind === 'section') from = index + 1;
    if (row.kind !== 'total') return;
    columns.forEach((column, position) => {
      if (column.type !== 'integer' && column.type !== 'number') return;
      const stated = row.cells[position]?.value;
      if (typeof stated !== 'number') return;
      const values = rows.slice(from, index).filter((other) => other.kind === 'data').map((other) => other.cells[position]?.value);
      if (values.length === 0 || values.some((value) => typeof value !== 'number')) return;
      const computed = Math.round((values as number[]).reduce((sum, value) => sum + value, 0) * 1e6) / 1e6;
      if (Math.abs(computed - stated) > 1e-6) {
        checks.push({ kind: 'total-mismatch', column: column.key, stated, computed, message: `Total row says ${stated} but the column sums to ${computed}` });
      }
    });
    from = index + 1;
  });
  return checks;
}
