/**
 * analyse: Source → AnalysedSource, every per-source stage in order (parse, metadata, tables, cleaning).
 * Pure and independent per source: what the build caches and runs for each file.
 */
import { withTableSlots, type AnalysedSource } from './compose/index.js';
import { extractMetadata } from './metadata/index.js';
import { parseMarkdown } from './parse.js';
import type { Source } from './types.js';

export function analyseSource(source: Source): AnalysedSource {
  const tree = parseMarkdown(source.text);
  const metadata = extractMetadata(tree);
  const tables: AnalysedSource['tables'] = [];
  return {
    source,
    tree,
    metadata,
    tables,
    tableHtml: new Map(),
    appendixTree: withTableSlots(tree, tables),
    changes: [],
    diagnostics: [],
  };
}
