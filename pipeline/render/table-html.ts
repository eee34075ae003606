/**
 * table-html: one table record → a clean HTML table for the brief, built as hast (hastscript) so every text is
 * escaped: grouped headers as spanning cells, numbers right-aligned in one format, total rows set apart, notes
 * below, the table's checks beside it as warnings. `thead` repeats on each page when a long table breaks.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { TableCell, TableColumn, TableRecord } from '../types.js';

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** How a cell prints: numbers with the report's grouping and the column's decimals, secondary in parentheses. */
export function formatCell(cell: TableCell, column: TableColumn, decimals: number): string {
  if (cell.value === null) return '–';
  if (typeof cell.value !== 'number' || column.type === 'year' || column.type === 'text') return cell.raw;
  const format = decimals > 0 ? new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : grouping;
  const main = `${format.format(cell.value)}${column.type === 'percent' ? '%' : ''}`;
  return cell.secondary === undefined ? main : `${main} (${grouping.format(cell.secondary)})`;
}

function decimalsOf(table: TableRecord, index: number): number {
  return Math.max(0, ...table.rows.map((row) => {
    const value = row.cells[index]?.value;
    return typeof value === 'number' && !Number.isInteger(value) ? (String(value).split('.')[1]?.length ?? 0) : 0;
  }));
}

/** Header rows from the column paths: a group label spans its columns; a column without group spans both rows. */
function headerRows(columns: TableColumn[]): Element[] {
  const depth = Math.max(1, ...columns.map((column) => column.path.length));
  if (depth === 1) return [h('tr', columns.map((column) => h('th', { scope: 'col' }, column.path[0] ?? '')))];
  const top: Element[] = [];
  const bottom: Element[] = [];
  for (let index = 0; index < columns.length; index++) {
    const column = columns[index]!;
    if (column.path.length === 1) {
      top.push(h('th', { scope: 'col', rowSpan: 2 }, column.path[0] ?? ''));
      continue;
    }
    let span = 1;
    while (columns[index + span]?.path.length === 2 && columns[index + span]!.path[0] === column.path[0]) span++;
    top.push(h('th', { scope: 'colgroup', colSpan: span, className: ['group'] }, column.path[0] ?? ''));
    for (let offset = 0; offset < span; offset++) bottom.push(h('th', { scope: 'col' }, columns[index + offset]!.path.slice(1).join(' / ')));
    index += span - 1;
  }
  return [h('tr', top), h('tr', bottom)];
}

/** A check as the reader needs it: which column (by its header) and what is wrong. */
function checkText(table: TableRecord, check: TableRecord['checks'][number]): string {
  const column = table.columns.find((candidate) => candidate.key === check.column);
  return column ? `${column.path.join(' / ')}: ${check.message}` : check.message;
}

/** What the brief shows of a table: enough to read it; the CSV beside the PDF has every row and column. */
export interface TableExcerpt {
  maxRows: number;
  maxColumns: number;
  /** Where the whole table is, named in the note when the brief shows part of it. */
  fullTable: string;
}

export const briefExcerpt = { maxRows: 40, maxColumns: 12 } as const;

/** The first rows and columns of a large table; total rows are kept after the cut since they sum the whole. */
function excerpt(table: TableRecord, limit: TableExcerpt): { table: TableRecord; note: string | null } {
  const columnCount = Math.min(table.columns.length, limit.maxColumns);
  const rows =
    table.rows.length <= limit.maxRows
      ? table.rows
      : [...table.rows.slice(0, limit.maxRows), ...table.rows.slice(limit.maxRows).filter((row) => row.kind === 'total').slice(0, 3)];
  if (rows.length === table.rows.length && columnCount === table.columns.length) return { table, note: null };
  const shown = [
    rows.length < table.rows.length ? `the first ${limit.maxRows} of ${grouping.format(table.rows.length)} rows` : null,
    columnCount < table.columns.length ? `the first ${columnCount} of ${grouping.format(table.columns.length)} columns` : null,
  ].filter(Boolean);
  return {
    table: {
      ...table,
      columns: table.columns.slice(0, columnCount),
      rows: rows.map((row) => ({ ...row, cells: row.cells.slice(0, columnCount) })),
    },
    note: `Showing ${shown.join(' and ')}; the whole table is in ${limit.fullTable}.`,
  };
}

export function tableToHast(whole: TableRecord, limit?: TableExcerpt): Element {
  const { table, note } = limit ? excerpt(whole, limit) : { table: whole, note: null };
  const decimals = table.columns.map((_, index) => decimalsOf(table, index));
  const numeric = table.columns.map((column) => column.type !== 'text');
  const caption: Array<Element | string> = table.label ? [h('strong', `${table.label}.`), ` ${table.title ?? ''}`] : [table.title ?? ''];
  const wide = table.columns.length > 8 || table.columns.some((column) => column.type === 'text');
  return h('figure', { className: ['data-table', ...(wide ? ['wide'] : [])], id: table.id }, [
    ...(table.label || table.title ? [h('figcaption', caption)] : []),
    h('table', [
      h('thead', headerRows(table.columns)),
      h(
        'tbody',
        table.rows.map((row) =>
          h(
            'tr',
            { className: row.kind === 'data' ? [] : [row.kind] },
            table.columns.map((column, index) =>
              h('td', { className: numeric[index] ? ['num'] : [] }, formatCell(row.cells[index] ?? { raw: '', value: null }, column, decimals[index]!)),
            ),
          ),
        ),
      ),
    ]),
    ...table.notes.map((text) => h('p', { className: ['table-note'] }, text)),
    ...(note ? [h('p', { className: ['table-note', 'excerpt'] }, note)] : []),
    ...(table.checks.length > 0 ? [h('ul', { className: ['table-checks'] }, table.checks.map((check) => h('li', checkText(whole, check))))] : []),
  ]);
}

export function tableToHtml(table: TableRecord, limit?: TableExcerpt): string {
  return toHtml(tableToHast(table, limit));
}
