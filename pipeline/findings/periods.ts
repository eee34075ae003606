/**
 * Periods of a table: the rows that stand for a year (`2015`, `half of 2019`, `2019 (6 months)`), found in a column of
 * type `year` or in a first column whose cells name a year. Total and section rows are never periods; a row whose label
 * says it covers part of a year is partial and is never the end point of a comparison.
 */
import type { TableRecord } from '../types.js';

export interface Period {
  /** Index in `table.rows`. */
  row: number;
  /** The period as the table prints it. */
  label: string;
  /** The (first) year the label names. */
  year: number;
  /** The label says it covers only part of a period. */
  partial: boolean;
  /** The label is a year and nothing else: `2018`. */
  plainYear: boolean;
}

export const yearPattern = /(?<![\p{L}\d.,])(1[89]\d{2}|20\d{2})(?![\d]|[.,]\d)/u;

const monthWords = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** Words that make a period label cover part of a period only. */
export const partialPattern = new RegExp(
  `\\b(?:half|halves|months?|quarters?|q[1-4]|h[12]|weeks?|days?|first|second|third|fourth|to date|ytd|partial|provisional|preliminary|so far|until|through|thru|${monthWords})\\b`,
  'i',
);

/** A label that means the first half of its year (`half of 2019`, `2019 (6 months)`, `H1 2019`). */
export const halfPattern = /\b(?:half|h1|6 months|six months)\b/i;

/** The column that holds the periods, or -1. */
export function periodColumn(table: TableRecord): number {
  const typed = table.columns.findIndex((column) => column.type === 'year');
  if (typed >= 0) return typed;
  if (table.columns.length === 0) return -1;
  const labels = table.rows.filter((row) => row.kind === 'data').map((row) => row.cells[0]?.raw.trim() ?? '');
  const named = labels.filter((label) => label !== '');
  return named.length >= 2 && named.every((label) => yearPattern.test(label)) ? 0 : -1;
}

/** The data rows that stand for a period, in table order. */
export function periodsOf(table: TableRecord): Period[] {
  const column = periodColumn(table);
  if (column < 0) return [];
  const periods: Period[] = [];
  table.rows.forEach((row, index) => {
    if (row.kind !== 'data') return;
    const cell = row.cells[column];
    if (!cell) return;
    const label = cell.raw.trim();
    const match = yearPattern.exec(label);
    const year = match ? Number(match[1]) : typeof cell.value === 'number' && Number.isInteger(cell.value) ? cell.value : NaN;
    if (!Number.isInteger(year) || year < 1800 || year > 2099) return;
    const plainYear = /^\d{4}$/.test(label);
    periods.push({ row: index, label: label || String(year), year, partial: !plainYear && partialPattern.test(label), plainYear });
  });
  return periods;
}

/** Periods sorted by year, table order among equal years. */
export function chronological(periods: Period[]): Period[] {
  return [...periods].sort((a, b) => a.year - b.year || a.row - b.row);
}
