/**
 * Words and numbers for findings: numbers as the table shows them (en-US grouping), column labels as a reader
 * would write them, and the noun a column counts (`Victims identified` → `victims`).
 */
import type { TableColumn } from '../types.js';

const plain = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** `1537` → `1,537`; `19.2` → `19.2`. */
export function formatNumber(value: number): string {
  return plain.format(value);
}

/** A cell value as the table shows it: percentages with `%`. */
export function formatValue(value: number, column: TableColumn): string {
  return column.type === 'percent' ? `${plain.format(value)}%` : plain.format(value);
}

/** A ratio or change in percent, one decimal: `279.5`. */
export function formatPercent(value: number): string {
  return oneDecimal.format(value);
}

/** Header text as a sentence shows it: `VICTIMS IDENTIFIED` → `Victims identified`; mixed case kept. */
export function labelText(label: string): string {
  const text = label.replace(/\s+/g, ' ').trim();
  if (/\p{Ll}/u.test(text) || !/\p{Lu}{2}/u.test(text)) return text;
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The column's own label (the last part of its path). */
export function measureOf(column: TableColumn): string {
  return labelText(column.path[column.path.length - 1] ?? column.key);
}

/** The column's group (the first part of a path of two or more), or null. */
export function groupOf(column: TableColumn): string | null {
  return column.path.length >= 2 ? labelText(column.path[0] ?? '') : null;
}

/** `Vietnam-Cambodia border / Objects`: the column named the way the table's warnings name it. */
export function columnName(column: TableColumn): string {
  return column.path.map(labelText).join(' / ') || column.key;
}

/** A word reduced for singular/plural comparison: `cases` → `case`, `victims` → `victim`, `countries` → `country`. */
export function singular(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (lower.length > 4 && /(?:ss|x|ch|sh)es$/.test(lower)) return lower.slice(0, -2);
  if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') && !lower.endsWith('us') && !lower.endsWith('is')) return lower.slice(0, -1);
  return lower;
}

export function sameWord(a: string, b: string): boolean {
  return singular(a) === singular(b);
}

const countPrefix = /^(?:(?:total|the)\s+)?(?:number|no\.?|amount|count|total)\s+of\s+/i;

/**
 * The noun a column counts, lower case: `Cases` → `cases`; `Victims identified` → `victims`;
 * `New or amended legislation` → `legislation`; `Number of arrests` → `arrests`.
 */
export function headNoun(label: string): string {
  const words: string[] = labelText(label).replace(countPrefix, '').toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length <= 1) return words[0] ?? '';
  const [first, ...rest] = words;
  if (rest.every((word) => word.endsWith('ed'))) return first ?? '';
  const of = words.indexOf('of');
  if (of > 0) return words[of - 1] ?? '';
  return words[words.length - 1] ?? '';
}

/** `were` for a plural noun (`Cases`, `Victims identified`), `was` for a singular one (`New legislation`). */
export function verbFor(label: string): 'were' | 'was' {
  const noun = headNoun(label);
  return noun !== singular(noun) ? 'were' : 'was';
}

/** `a`, `a and b`, `a, b and c`. */
export function listText(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
