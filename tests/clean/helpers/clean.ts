/**
 * Test helper: clean a Markdown text as the build does (parse, then clean), and the checks every document must pass:
 * no word lost silently, idempotent, and the cleaned Markdown round-trips through remark.
 */
import { readFileSync } from 'node:fs';
import type { Nodes } from 'mdast';
import { cleanSource, type CleanResult } from '../../../pipeline/clean/index.js';
import { parseMarkdown } from '../../../pipeline/parse.js';
import type { Source, TableRecord } from '../../../pipeline/types.js';
import { stringifyMarkdown } from '../../../pipeline/clean/text.js';
import { lostWords } from './words.js';

export function sourceOf(text: string, name = 'sources/test.md'): Source {
  return { path: name, name, slug: name.replace(/^.*\/|\.md$/g, ''), text, hash: '' };
}

export function readSource(path: string): Source {
  return sourceOf(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'), path);
}

export function clean(source: Source, tables: TableRecord[] = []): CleanResult {
  return cleanSource(source, parseMarkdown(source.text), tables);
}

/** A tree without positions, for comparing trees. */
export function withoutPositions(node: Nodes): unknown {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'position' ? undefined : value)));
}

export interface Invariants {
  lost: Record<string, number>;
  secondPass: CleanResult;
  roundTrips: boolean;
}

/** What the invariant tests assert on: lost words, a second cleaning pass, and the parse → stringify → parse trip. */
export function invariants(source: Source, result: CleanResult, secondPassTables: TableRecord[] = []): Invariants {
  const secondPass = clean(sourceOf(result.markdown, source.name), secondPassTables);
  const once = parseMarkdown(result.markdown);
  const twice = parseMarkdown(stringifyMarkdown(once));
  return {
    lost: lostWords(source.text, result.markdown, result.changes),
    secondPass,
    roundTrips: JSON.stringify(withoutPositions(once)) === JSON.stringify(withoutPositions(twice)),
  };
}
