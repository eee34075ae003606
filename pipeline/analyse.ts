/**
 * analyse: Source → SourceAnalysis, every per-source stage in order (parse, metadata, tables, cleaning, charts,
 * findings). Pure and independent per source: what the build caches by the source's bytes and runs for each file.
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { boundText } from './bound.js';
import { cleanSource, summarizeChanges, type CleanResult } from './clean/index.js';
import { extractMetadata } from './metadata/index.js';
import { outputPaths, toJson } from './output.js';
import { parseMarkdown } from './parse.js';
import { markdownToHtml } from './render/markdown-html.js';
import type { Diagnostic, Source, SourceAnalysis, TableRecord } from './types.js';

/** The stages every per-source result starts from: bounded text, tree, tables, cleaned text. */
function prepare(original: Source) {
  const bounded = boundText(original.text);
  const source: Source = { ...original, text: bounded.text };
  const diagnostics: Diagnostic[] = bounded.warnings.map((warning) => ({ severity: 'warning', file: source.path, ...warning }));
  const tree = parseMarkdown(source.text);
  const tables: TableRecord[] = [];
  const cleaned = cleanSource(source, tree, tables);
  return { source, diagnostics, tree, tables, cleaned };
}

/** `mdbrief clean`: the cleaned Markdown and its change log for one file. */
export function cleanFile(original: Source): CleanResult {
  return prepare(original).cleaned;
}

export function analyseSource(original: Source): SourceAnalysis {
  const { source, diagnostics, tree, tables, cleaned } = prepare(original);
  const metadata = extractMetadata(tree);
  return {
    source: { path: source.path, name: source.name, slug: source.slug, hash: source.hash },
    metadata,
    tables,
    briefTables: [],
    findings: [],
    // The cleaned tree already holds the tables, written back as GFM tables with their anchors.
    appendixHtml: markdownToHtml(capAppendix(withoutTitle(cleaned.tree), source, diagnostics), { idPrefix: `${source.slug}-` }),
    cleaned: { markdown: cleaned.markdown, changes: cleaned.changes, summary: summarizeChanges(cleaned.changes) },
    diagnostics,
  };
}

/** The appendix template prints the title itself: the text's own level-1 title heading would repeat it. */
function withoutTitle(tree: Root): Root {
  const first = tree.children.findIndex((block) => block.type !== 'html' || !/^<!--/.test(block.value));
  const block = tree.children[first];
  if (block?.type !== 'heading' || block.depth !== 1) return tree;
  return { ...tree, children: tree.children.filter((_, index) => index !== first) };
}

/** About 200 printed pages: past this the appendix shows the beginning and points to the full cleaned text. */
export const appendixLimit = 400_000;

/**
 * The tree cut where it reaches `appendixLimit` characters, with a note saying where the rest is. A single block
 * longer than what is left (one paragraph of megabytes) is shortened to plain text.
 */
function capAppendix(tree: Root, source: Source, diagnostics: Diagnostic[]): Root {
  let total = 0;
  for (const [index, block] of tree.children.entries()) {
    const length = toString(block).length;
    if (total + length <= appendixLimit) {
      total += length;
      continue;
    }
    const room = appendixLimit - total;
    const kept = tree.children.slice(0, index);
    if (room > 1000) kept.push({ type: 'paragraph', children: [{ type: 'text', value: `${toString(block).slice(0, room).replace(/\s+\S*$/, '')} …` }] });
    const file = outputPaths.appendix(source.slug);
    const note = `The appendix shows the first ${appendixLimit.toLocaleString('en-US')} characters of this source; the whole cleaned text is in ${file} beside this briefing.`;
    diagnostics.push({ severity: 'warning', file: source.path, message: `very long source: the PDF appendix shows its beginning only; the whole cleaned text is in ${file}` });
    return { ...tree, children: [...kept, { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: note }] }] }] };
  }
  return tree;
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
