/**
 * analyse: Source → SourceAnalysis, every per-source stage in order (parse, metadata, tables, cleaning, charts,
 * findings). Pure and independent per source: what the build caches by the source's bytes and runs for each file.
 */
import { extractMetadata } from './metadata/index.js';
import { parseMarkdown } from './parse.js';
import { markdownToHtml, withTableSlots } from './render/markdown-html.js';
import { outputPaths, toJson } from './output.js';
import type { Source, SourceAnalysis, TableRecord } from './types.js';

export function analyseSource(source: Source): SourceAnalysis {
  const tree = parseMarkdown(source.text);
  const metadata = extractMetadata(tree);
  const tables: TableRecord[] = [];
  const tableHtml = new Map<string, string>();
  return {
    source: { path: source.path, name: source.name, slug: source.slug, hash: source.hash },
    metadata,
    tables,
    briefTables: [],
    findings: [],
    appendixHtml: markdownToHtml(withTableSlots(tree, tables), { idPrefix: `${source.slug}-`, slots: tableHtml }),
    cleaned: null,
    diagnostics: [],
  };
}

/** Files written under the output folder for one source (paths relative to it), from its analysis alone. */
export function sourceFiles(analysis: SourceAnalysis): Array<{ path: string; content: string }> {
  const { slug } = analysis.source;
  return [{ path: outputPaths.metadata(slug), content: toJson({ source: analysis.source.name, ...analysis.metadata }) }];
}
