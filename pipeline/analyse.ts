/**
 * analyse: Source → SourceAnalysis, every per-source stage in order (parse, metadata, tables, cleaning, charts,
 * findings). Pure and independent per source: what the build caches by the source's bytes and runs for each file.
 */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { boundText } from './bound.js';
import { cleanSource, summarizeChanges, type CleanResult } from './clean/index.js';
import { chartTable } from './charts/index.js';
import { checkClaims, sourceFindings, tableFindingList } from './findings/index.js';
import { fileNameTitle } from './compose/file-title.js';
import { extractMetadata } from './metadata/index.js';
import { outputPaths } from './output.js';
import { parseMarkdown } from './parse.js';
import { markdownToHtml, maxHtmlDepth } from './render/markdown-html.js';
import { briefExcerpt, tableToHtml } from './render/table-html.js';
import { tablesDocument } from './tables/document.js';
import { extractTables } from './tables/index.js';
import type { ChartArtifact, Diagnostic, Source, SourceAnalysis, TableRecord, TablesDocument } from './types.js';
import { runStart } from './text-end.js';

/** The stages every per-source result starts from: bounded text, tree, tables. */
function readTables(original: Source) {
  const bounded = boundText(original.text);
  const source: Source = { ...original, text: bounded.text };
  const diagnostics: Diagnostic[] = bounded.warnings.map((warning) => ({ severity: 'warning', file: source.path, ...warning }));
  const tree = parseMarkdown(source.text);
  const found = extractTables(source, tree);
  diagnostics.push(...found.diagnostics);
  const tables: TableRecord[] = found.tables;
  diagnostics.push(...oversizedTableWarnings(source, tables));
  return { source, diagnostics, tree, tables };
}

/** How many times a source may be cleaned before its cleaned text is taken as it stands. */
const maxCleanings = 3;

/**
 * Whether the cleaned text, read again, ties a caption to a table that the source's reading did not: the next
 * cleaning would write it as that table's caption. A caption not found again is no change: its anchor keeps it.
 */
function gainsCaptions(first: TableRecord[], again: TableRecord[]): boolean {
  if (first.length !== again.length) return true;
  return again.some((table, index) => (table.label !== null || table.title !== null) && (table.label !== first[index]!.label || table.title !== first[index]!.title));
}

/**
 * `readTables`, then the cleaned text. Cleaning removes what stood between a caption and its table (a heading, page
 * furniture): read again, the cleaned text ties them, and cleaning it would give another text. So the cleaned text's
 * tables are read again and, while their captions differ from those it was cleaned with, it is cleaned once more.
 */
function prepare(original: Source) {
  const read = readTables(original);
  let cleaned = cleanSource(read.source, read.tree, read.tables);
  let tables = read.tables;
  for (let cleanings = 1; cleanings < maxCleanings; cleanings++) {
    const source: Source = { ...read.source, text: cleaned.markdown };
    const reread = extractTables(source, cleaned.tree).tables;
    if (!gainsCaptions(tables, reread)) break;
    const again = cleanSource(source, cleaned.tree, reread);
    // Lines of the cleaned text are not lines of the source: the later edits keep no line.
    cleaned = { ...again, changes: [...cleaned.changes, ...again.changes.map((change) => ({ ...change, line: null }))] };
    tables = reread;
  }
  return { ...read, cleaned };
}

/** `mdbrief tables`: the table records of one file, as the contract's JSON document (no cleaning needed). */
export function tablesFile(original: Source): TablesDocument {
  const { source, tables } = readTables(original);
  return tablesDocument({ name: source.path }, tables);
}

/** `mdbrief clean`: the cleaned Markdown and its change log for one file. */
export function cleanFile(original: Source): CleanResult {
  return prepare(original).cleaned;
}

export function analyseSource(original: Source): SourceAnalysis {
  const { source, diagnostics, tree, tables, cleaned } = prepare(original);
  const metadata = extractMetadata(tree);
  if (metadata.title === null) {
    diagnostics.push({ severity: 'warning', file: source.path, message: `no title found (a page excerpt?): titled "${fileNameTitle(source.name)}" from its file name` });
  }
  diagnostics.push(...checkClaims(tree, tables, source.path));
  // Each table's first chart is named by the table's id: those are taken before any table's further charts are named.
  const chartIds = new Set(tables.map((table) => table.id));
  return {
    source: { path: source.path, name: source.name, slug: source.slug, hash: source.hash },
    metadata,
    tables,
    briefTables: tables.map((table) => ({
      id: table.id,
      html: tableToHtml(table, { ...briefExcerpt, fullTable: outputPaths.tableCsv(source.slug, table.id) }),
      ...chartsOf(table, chartIds),
      // The table's checks print beside it as warnings: its findings need not repeat them.
      findings: tableFindingList(table).filter((finding) => finding.kind !== 'check').map((finding) => finding.text),
    })),
    findings: sourceFindings(tables, metadata.abstract),
    // The cleaned tree already holds the tables, written back as GFM tables with their anchors.
    appendixHtml: markdownToHtml(capAppendix(withoutTitle(cleaned.tree), source, diagnostics), {
      idPrefix: `${source.slug}-`,
      // Lines of the cleaned text are not the source's: the warning names the address instead.
      flattened: (tags) => diagnostics.push({ severity: 'warning', file: source.path, message: `raw HTML nested deeper than ${maxHtmlDepth} levels was flattened (${tags} tags dropped, their text kept)` }),
      refused: (href) => diagnostics.push({ severity: 'warning', file: source.path, message: `link to mdbrief's own address ${JSON.stringify(href.slice(0, 80))} refused: shown as plain text` }),
    }),
    cleaned: { markdown: cleaned.markdown, changes: cleaned.changes, summary: summarizeChanges(cleaned.changes) },
    diagnostics,
  };
}

/** The report's font, so charts read like the text around them. */
const chartFont = 'Noto Sans';

function chartsOf(table: TableRecord, used: Set<string>): { charts: ChartArtifact[]; chartSkipped: string | null } {
  const { charts, skipped } = chartTable(table, { font: chartFont }, used);
  return { charts, chartSkipped: skipped };
}

/** The appendix template prints the title itself: the text's own level-1 title heading would repeat it. */
function withoutTitle(tree: Root): Root {
  const first = tree.children.findIndex((block) => block.type !== 'html' || !/^<!--/.test(block.value));
  const block = tree.children[first];
  if (block?.type !== 'heading' || block.depth !== 1) return tree;
  return { ...tree, children: tree.children.filter((_, index) => index !== first) };
}

/** The text without the word its cut may have split and the space before it (`/\s+\S*$/`, in linear time). */
function withoutCutWord(text: string): string {
  const word = runStart(text, /\S/u);
  const space = runStart(text, /\s/u, word);
  return space < word ? text.slice(0, space) : text;
}

/** About 200 printed pages: past this the appendix shows the beginning and points to the full cleaned text. */
export const appendixLimit = 400_000;

/** What an image counts for against `appendixLimit`: a printed page of text, about what a figure takes. */
export const imageWeight = 4_000;

/** Images in a block: Markdown images and `<img>` tags of raw HTML, each a reference the printed page embeds. */
function imagesIn(block: RootContent): number {
  let count = 0;
  visit(block, (node) => {
    if (node.type === 'image') count++;
    else if (node.type === 'html') count += (node.value.match(/<img\b/giu) ?? []).length;
  });
  return count;
}

/**
 * The tree cut where it reaches `appendixLimit` characters (an image counting as `imageWeight`), with a note saying
 * where the rest is. A single block longer than what is left (one paragraph of megabytes) is shortened to plain text.
 */
function capAppendix(full: Root, source: Source, diagnostics: Diagnostic[]): Root {
  const tree = capTableRows(full, source);
  let total = 0;
  for (const [index, block] of tree.children.entries()) {
    const length = toString(block).length + imagesIn(block) * imageWeight;
    if (total + length <= appendixLimit) {
      total += length;
      continue;
    }
    const room = appendixLimit - total;
    const kept = tree.children.slice(0, index);
    if (room > 1000) kept.push({ type: 'paragraph', children: [{ type: 'text', value: `${withoutCutWord(toString(block).slice(0, room))} …` }] });
    const file = outputPaths.appendix(source.slug);
    const note = `The appendix shows the first ${appendixLimit.toLocaleString('en-US')} characters of this source; the whole cleaned text is in ${file} beside this briefing.`;
    diagnostics.push({ severity: 'warning', file: source.path, message: `very long source: the PDF appendix shows its beginning only; the whole cleaned text is in ${file}` });
    return { ...tree, children: [...kept, { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: note }] }] }] };
  }
  return tree;
}

/** Rows and columns of one table the appendix prints: a larger table is a data file, not reading (and slow to lay out). */
export const appendixTableLimit = { rows: 500, columns: 16 };

/** Tables cut to `appendixTableLimit`, each followed by a note that says where the whole table is. */
function capTableRows(tree: Root, source: Source): Root {
  const { rows: maxRows, columns: maxColumns } = appendixTableLimit;
  const oversized = (block: RootContent) =>
    block.type === 'table' && (block.children.length > maxRows + 1 || block.children.some((row) => row.children.length > maxColumns));
  if (!tree.children.some(oversized)) return tree;
  const file = outputPaths.tables(source.slug);
  return {
    ...tree,
    children: tree.children.flatMap((block): RootContent[] => {
      if (block.type !== 'table' || !oversized(block)) return [block];
      const rows = block.children.length - 1;
      const columns = Math.max(...block.children.map((row) => row.children.length));
      const shown = [
        rows > maxRows ? `the first ${maxRows} of this table's ${rows.toLocaleString('en-US')} rows` : null,
        columns > maxColumns ? `the first ${maxColumns} of its ${columns.toLocaleString('en-US')} columns` : null,
      ].filter(Boolean);
      const note = `The appendix shows ${shown.join(' and ')}; the whole table is in ${file} and the table's CSV beside this briefing.`;
      const children = block.children.slice(0, maxRows + 1).map((row) => ({ ...row, children: row.children.slice(0, maxColumns) }));
      return [
        { ...block, align: block.align?.slice(0, maxColumns) ?? null, children },
        { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: note }] }] },
      ];
    }),
  };
}

/** A warning for each table the PDF shows only in part, naming the CSV that holds all of it. */
function oversizedTableWarnings(source: Source, tables: TableRecord[]): Diagnostic[] {
  return tables.flatMap((table): Diagnostic[] => {
    const rows = table.rows.length > appendixTableLimit.rows;
    const columns = table.columns.length > appendixTableLimit.columns;
    if (!rows && !columns) return [];
    const size = [rows ? `${table.rows.length.toLocaleString('en-US')} rows` : null, columns ? `${table.columns.length.toLocaleString('en-US')} columns` : null].filter(Boolean).join(' and ');
    const message = `${table.label ?? 'a table'} has ${size}: the PDF shows part of it; all of it is in ${outputPaths.tableCsv(source.slug, table.id)}`;
    return [{ severity: 'warning', file: source.path, line: table.lines[0], message }];
  });
}
