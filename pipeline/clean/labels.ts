/**
 * Table and figure labels compared the way a reader would: `Table 1`, `**Table 1.**`, `Tab. 1` and `table 1:` are
 * one label. Used to tie captions and in-text links to the tables stage's records.
 */
import type { TableRecord } from '../types.js';

export function labelKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_]/g, '')
    .replace(/^tab\.?(?=\s|\d)/, 'table')
    .replace(/^fig(?:ure|\.)?(?=\s|\d)/, 'fig')
    .replace(/[\s.:]+/g, ' ')
    .trim();
}

/** The record a label names, if any. */
export function recordForLabel(label: string, tables: TableRecord[]): TableRecord | undefined {
  const key = labelKey(label);
  return tables.find((table) => table.label !== null && labelKey(table.label) === key);
}
