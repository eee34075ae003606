/**
 * Table records for the chart tests, made by the real extractor: the seeds' tables and inline Markdown fixtures.
 */
import { readFileSync } from 'node:fs';
import { parseMarkdown } from '../../pipeline/parse.js';
import { extractTables } from '../../pipeline/tables/index.js';
import type { TableRecord } from '../../pipeline/types.js';

export function tablesOfText(text: string, file = 'fixture.md'): TableRecord[] {
  return extractTables({ path: `sources/${file}`, name: `sources/${file}`, slug: file.replace(/\.md$/, ''), text, hash: '' }, parseMarkdown(text)).tables;
}

export function seedTables(file: 'anti-drug-cooperation.md' | 'human-trafficking-cooperation.md'): TableRecord[] {
  return tablesOfText(readFileSync(new URL(`../../sources/${file}`, import.meta.url), 'utf8'), file);
}

/** The one table of a fixture. */
export function tableOf(text: string): TableRecord {
  const tables = tablesOfText(text);
  if (tables.length !== 1) throw new Error(`expected one table, found ${tables.length}`);
  return tables[0]!;
}
