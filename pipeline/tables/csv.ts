/**
 * csv: one table record → CSV that opens right in pandas and Excel: UTF-8 with a BOM (Excel's cue for UTF-8),
 * RFC 4180 quoting, CRLF line ends, one header row with each column's path joined by ` / `, values as parsed
 * (numbers plain, empty for null).
 */
import type { TableCell, TableRecord } from '../types.js';

function field(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function value(cell: TableCell | undefined): string {
  if (!cell || cell.value === null) return '';
  return typeof cell.value === 'number' ? String(cell.value) : cell.value;
}

export function tableToCsv(table: TableRecord): string {
  const header = table.columns.map((column) => field(column.path.join(' / ')));
  const rows = table.rows.map((row) => table.columns.map((_, index) => field(value(row.cells[index]))));
  return `\ufeff${[header, ...rows].map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
