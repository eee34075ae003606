/**
 * analyse: Source → SourceAnalysis, every per-source stage in order (parse, metadata, tables, cleaning, charts,
 * findings). Pure and independent per source: what the build caches by the source's bytes and runs for each file.
 */
import type { Root } from 'mdast';
import { cleanSource, summarizeChanges } from './clean/index.js';
import { extractMetadata } from './metadata/index.js';
import { outputPaths, toJson } from './output.js';
import { parseMarkdown } from './parse.js';
import { markdownToHtml } from './render/markdown-html.js';
import type { Source, SourceAnalysis, TableRecord } from './types.js';

export function analyseSource(source: Source): SourceAnalysis {
  const tree = parseMarkdown(source.text);
  const metadata = extractMetadata(tree);
  const tables: TableRecord[] = [];
  const cleaned = cleanSource(source, tree, tables);
  return {
    source: { path: source.path, name: source.name, slug: source.slug, hash: source.hash },
    metadata,
    tables,
    briefTables: [],
    findings: [],
    // The cleaned tree already holds the tables, written back as GFM tables with their anchors.
    appendixHtml: markdownToHtml(withoutTitle(cleaned.tree), { idPrefix: `${source.slug}-` }),
    cleaned: { markdown: cleaned.markdown, changes: cleaned.changes, summary: summarizeChanges(cleaned.changes) },
    diagnostics: [],
  };
}

/** The appendix template prints the title itself: the text's own level-1 title heading would repeat it. */
function withoutTitle(tree: Root): Root {
  const first = tree.children.findIndex((block) => block.type !== 'html' || !/^<!--/.test(block.value));
  const block = tree.children[first];
  if (block?.type !== 'heading' || block.depth !== 1) return tree;
  return { ...tree, children: tree.children.filter((_, index) => index !== first) };
}

/** Files written under the output folder for one source (paths relative to it), from its analysis alone. */
export function sourceFiles(analysis: SourceAnalysis): Array<{ path: string; content: string }> {
  const { slug, name } = analysis.source;
  const files = [{ path: outputPaths.metadata(slug), content: toJson({ source: name, ...analysis.metadata }) }];
  if (analysis.cleaned) {
    files.push(
      { path: outputPaths.appendix(slug), content: analysis.cleaned.markdown },
      { path: outputPaths.changes(slug), content: toJson({ source: name, changes: analysis.cleaned.changes }) },
    );
  }
  return files;
}
