/**
 * A faster parse that gives exactly remark's tree (same nodes, same line, column and offset on every point).
 *
 * Most of a converted article is plain prose, which micromark + GFM parses at ~0.4 µs per byte, and one big document
 * makes micromark's event arrays huge (GC pressure: a GFM table costs ~2× more inside a 10 MB document than alone).
 * So:
 *
 * 1. The text is cut into blocks (maximal runs of non-blank lines). A block is *plain* when every line of it
 *    certainly holds nothing but text (`plainLine` below): it starts at column 1 with a letter or digit (so it is no
 *    list item, heading, quote, fence, indented code, HTML, table row, setext underline, nor a lazy continuation,
 *    which cannot follow a blank line anyway), and contains no character that starts inline syntax or ends an HTML
 *    block (`*_\`[]!<>&\\~|@`, controls; a tab only inside a line, as tab-separated tables have them), nor text GFM
 *    autolinks (`www`, `http`, `mailto`, `xmpp`); only its last line may end with spaces (remark trims them from the
 *    text; elsewhere they are hard breaks or trimmed). If such a block is a top-level paragraph in remark's tree,
 *    that paragraph is one text node whose value is the block's text as written: it is synthesized, never parsed.
 *    A simple GFM pipe table (table.ts: plain cells, every row as wide as the delimiter row) is a certain block too,
 *    built the same way: micromark is slowest on tables (~1.5 ms for ten rows). So is an HTML block opened by
 *    `<table` or `<div` (`htmlBlock` below), which is its lines as written.
 * 2. The rest is cut at these blocks into chunks (chunk = the text before a plain block + that block). Each chunk
 *    is parsed by remark with its plain block replaced by placeholder lines (`x`, one per line). The placeholder must
 *    come back as a top-level paragraph on exactly its lines: that proves nothing before it was left open (a fenced
 *    code block or HTML block without its end, a list, a quote, …), since a placeholder line and a plain line (or a
 *    table row) close and continue exactly the same constructs (both start at column 1 after a blank line with a
 *    letter, digit or `|`, no list marker, and neither contains `>`, which every HTML-block end condition needs, nor
 *    a fence). After a closed top-level paragraph and
 *    a blank line the parser holds no state but the definitions, so each chunk parses as it would inside the whole
 *    text.
 * 3. Definitions (`[x]: url`, `[^x]: note`) are the only thing one part of a document lends another: a reference
 *    `[x]` is one only when `x` is defined anywhere. So when the text contains `]:`, every chunk holding a `[` is
 *    parsed in one skeleton together (in document order, placeholders between them); chunks without `[` neither
 *    define nor reference anything.
 * 4. Small chunks are parsed a few together (one skeleton of about `groupChars`), which saves remark's per-call cost
 *    without making one huge document. Positions are mapped back by line: columns are unchanged on every line that
 *    was not replaced, and the offset is the line's start + column − 1.
 *
 * Any placeholder not confirmed, and a text starting with a BOM (micromark drops it from its offsets), means the
 * whole text is parsed by remark instead: slower, never wrong.
 */
import type { Html, Paragraph, Root, RootContent, Text } from 'mdast';
import type { Point, Position } from 'unist';
import { indexLines, type LineIndex } from './lines.js';
import { parseWithRemark } from './remark.js';
import { simpleTable, tableNode, type SimpleTable } from './table.js';
import { withoutTrailing } from '../text-end.js';

/**
 * A line that is certainly plain text in a paragraph. First character: an ASCII letter or digit, and not an ordered
 * list marker (`1.`, `1)`). Then no control character but tab, nothing that starts inline syntax (`*`, `_`, `` ` ``,
 * `[`, `]`, `!`, `<`, `&`, `\`, `~`), no `>` (HTML block ends), no `|` (table cells), no `@` (e-mail autolinks).
 */
const plainLine = /^(?!\d+[.)])[A-Za-z0-9][^\x00-\x08\x0a-\x1f\x7f*_`[\]!<>&\\~|@]*$/;
/** Words GFM may turn into links (`www.x.org`, `https://…`, `mailto:`, `xmpp:`): case-insensitive, anywhere. */
const autolinkWord = /www|http|mailto|xmpp/i;
const blankLine = /^[ \t]*$/;

export interface FastParseOptions {
  /** Parse small chunks together up to about this many characters of skeleton. */
  groupChars?: number;
}

export interface FastParseResult {
  tree: Root;
  /** Why the whole text went to remark instead, or null when the fast path held. */
  fallback: string | null;
  /** How many paragraphs were synthesized rather than parsed, and how many remark parses the rest took. */
  synthesized: number;
  parses: number;
}

interface Block {
  /** First and last line, 0-based. */
  first: number;
  last: number;
  /** A simple GFM table (table.ts) rather than a plain paragraph. */
  table: SimpleTable | null;
  /** An HTML block that starts with `<table` or `<div` rather than a plain paragraph. */
  html: boolean;
}

interface Chunk {
  /** Lines of the text before the plain block (0-based, inclusive; empty when regionLast < regionFirst). */
  regionFirst: number;
  regionLast: number;
  /** Whether the region holds a non-blank line, so has something to parse. */
  content: boolean;
  /** The plain block closing the chunk; null for the text after the last plain block. */
  plain: Block | null;
  /** Top-level nodes of this chunk, in order (region nodes, then the plain paragraph). */
  nodes: RootContent[];
}

export function parseFast(text: string, options: FastParseOptions = {}): FastParseResult {
  const groupChars = options.groupChars ?? 8192;
  const whole = (fallback: string | null): FastParseResult => ({ tree: parseWithRemark(text), fallback, synthesized: 0, parses: 1 });
  if (text.charCodeAt(0) === 0xfeff) return whole('byte order mark');
  const lines = indexLines(text);
  const chunks = cutChunks(text, lines);
  if (chunks.length === 1 && chunks[0]!.plain === null) return whole(null);

  const groups = groupChunks(text, lines, chunks, groupChars);
  for (const group of groups) {
    if (!parseGroup(text, lines, chunks, group)) return whole('placeholder not confirmed');
  }
  for (const { plain, nodes } of chunks) {
    if (!plain) continue;
    if (plain.table) nodes.push(tableNode(text, plain.table, lines, plain.first, plain.last));
    else if (plain.html) nodes.push(htmlNode(text, lines, plain));
    else nodes.push(plainParagraph(text, lines, plain));
  }

  const children: RootContent[] = [];
  for (const chunk of chunks) for (const node of chunk.nodes) children.push(node);
  const last = lines.starts.length - 1;
  const root: Root = {
    type: 'root',
    children,
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: last + 1, column: lines.ends[last]! - lines.starts[last]! + 1, offset: text.length },
    },
  };
  return { tree: root, fallback: null, synthesized: chunks.length - 1, parses: groups.length };
}

/** 'plain', 'trailing' (plain but ends with spaces: allowed on a block's last line only, where remark trims them) or 'no'. */
function plainKind(text: string, lines: LineIndex, line: number): 'plain' | 'trailing' | 'no' {
  const content = text.slice(lines.starts[line], lines.ends[line]);
  const trimmed = withoutTrailing(content, / /);
  // A tab inside a line is text (tab-separated tables); ending a line, remark trims it.
  if (!plainLine.test(trimmed) || trimmed.charCodeAt(trimmed.length - 1) === 9 || autolinkWord.test(trimmed)) return 'no';
  return trimmed.length === content.length ? 'plain' : 'trailing';
}

/** Blocks of non-blank lines; each plain one closes a chunk. */
function cutChunks(text: string, lines: LineIndex): Chunk[] {
  const chunks: Chunk[] = [];
  const count = lines.starts.length;
  let regionFirst = 0;
  let content = false;
  let line = 0;
  while (line < count) {
    if (blankLine.test(text.slice(lines.starts[line], lines.ends[line]))) {
      line++;
      continue;
    }
    const first = line;
    let plain = true;
    let trailing = false;
    while (line < count && !blankLine.test(text.slice(lines.starts[line], lines.ends[line]))) {
      if (plain) {
        // A trailing space on an inner line is trimmed from the text (or makes a hard break): left to remark.
        const kind: 'plain' | 'trailing' | 'no' = trailing ? 'no' : plainKind(text, lines, line);
        if (kind === 'no') plain = false;
        trailing = kind === 'trailing';
      }
      line++;
    }
    const lead = text.charCodeAt(lines.starts[first]!);
    const table = !plain && lead === 124 ? simpleTable(text, lines, first, line - 1) : null;
    const html = !plain && lead === 60 && htmlBlock(text, lines, first, line - 1);
    if (plain || table || html) {
      chunks.push({ regionFirst, regionLast: first - 1, content, plain: { first, last: line - 1, table, html }, nodes: [] });
      regionFirst = line;
      content = false;
    } else {
      content = true;
    }
  }
  chunks.push({ regionFirst, regionLast: count - 1, content, plain: null, nodes: [] });
  return chunks;
}

/**
 * Which chunks are parsed together: every chunk with content; those holding a `[` all in one group when the text has
 * definitions; the others in runs of about `groupChars`. A chunk with a blank region is not parsed: its plain block
 * follows a confirmed paragraph (or the start) and blank lines, so it is a top-level paragraph.
 */
function groupChunks(text: string, lines: LineIndex, chunks: Chunk[], groupChars: number): number[][] {
  const definitions = text.includes(']:');
  const linked: number[] = [];
  const groups: number[][] = [];
  let current: number[] = [];
  let size = 0;
  let nextBracket = definitions ? text.indexOf('[') : -1;
  chunks.forEach((chunk, index) => {
    if (!chunk.content) return;
    const start = lines.starts[chunk.regionFirst]!;
    const end = chunk.plain ? lines.starts[chunk.plain.first]! : text.length;
    if (definitions) {
      while (nextBracket !== -1 && nextBracket < start) nextBracket = text.indexOf('[', nextBracket + 1);
      if (nextBracket !== -1 && nextBracket < end) {
        linked.push(index);
        return;
      }
    }
    current.push(index);
    size += end - start;
    if (size >= groupChars) {
      groups.push(current);
      current = [];
      size = 0;
    }
  });
  if (current.length > 0) groups.push(current);
  if (linked.length > 0) groups.push(linked);
  return groups;
}

/** Parses the chunks of one group as one skeleton; false when a placeholder did not come back where it must. */
function parseGroup(text: string, lines: LineIndex, chunks: Chunk[], group: number[]): boolean {
  const parts: string[] = [];
  /** Skeleton line (0-based) → original line, and → chunk. */
  const lineOf: number[] = [];
  const chunkOf: number[] = [];
  /** Placeholders, in skeleton lines. */
  const expected: Array<{ first: number; last: number }> = [];
  group.forEach((index, position) => {
    const chunk = chunks[index]!;
    const end = chunk.plain ? lines.starts[chunk.plain.first]! : text.length;
    parts.push(text.slice(lines.starts[chunk.regionFirst], end));
    for (let line = chunk.regionFirst; line <= chunk.regionLast; line++) {
      lineOf.push(line);
      chunkOf.push(index);
    }
    if (chunk.plain) {
      const { first, last } = chunk.plain;
      expected.push({ first: lineOf.length, last: lineOf.length + last - first });
      for (let line = first; line <= last; line++) {
        lineOf.push(line);
        chunkOf.push(index);
      }
      parts.push(`${'x\n'.repeat(last - first)}x${position < group.length - 1 ? '\n' : ''}`);
    }
  });

  const tree = parseWithRemark(parts.join(''));
  let next = 0;
  for (const child of tree.children) {
    const position = child.position;
    if (!position) return false;
    const startLine = position.start.line - 1;
    const endLine = position.end.line - 1;
    const placeholder = expected[next];
    if (placeholder && endLine >= placeholder.first) {
      if (startLine !== placeholder.first || endLine !== placeholder.last || position.start.column !== 1 || child.type !== 'paragraph') return false;
      next++;
      continue;
    }
    remap(child, lines, lineOf);
    chunks[chunkOf[startLine]!]!.nodes.push(child);
  }
  return next === expected.length;
}

/** Moves every position of a node parsed in a skeleton to the original text's lines and offsets. */
function remap(node: RootContent, lines: LineIndex, lineOf: number[]): void {
  const stack: Array<{ position?: Position | undefined; children?: unknown }> = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.position) current.position = { start: mapPoint(current.position.start, lines, lineOf), end: mapPoint(current.position.end, lines, lineOf) };
    if (Array.isArray(current.children)) for (const child of current.children as RootContent[]) stack.push(child);
  }
}

function mapPoint(point: Point, lines: LineIndex, lineOf: number[]): Point {
  const line = lineOf[point.line - 1]!;
  return { line: line + 1, column: point.column, offset: lines.starts[line]! + point.column - 1 };
}

/**
 * An HTML block of CommonMark's kind 6 opened by `<table` or `<div` at column 1: it runs to the next blank line
 * whatever its lines hold, and remark keeps it as written. Lines with a control character or a tab are left to
 * remark (micromark replaces NUL and expands tabs in its own way).
 */
const htmlStart = /^<(?:table|div)(?:[ >]|\/>|$)/i;
const htmlUnsure = /[\x00-\x1f\x7f]/;

function htmlBlock(text: string, lines: LineIndex, first: number, last: number): boolean {
  if (!htmlStart.test(text.slice(lines.starts[first], lines.ends[first]))) return false;
  for (let line = first; line <= last; line++) if (htmlUnsure.test(text.slice(lines.starts[line], lines.ends[line]))) return false;
  return true;
}

function htmlNode(text: string, lines: LineIndex, block: Block): Html {
  const start = lines.starts[block.first]!;
  const end = lines.ends[block.last]!;
  return {
    type: 'html',
    value: text.slice(start, end),
    position: { start: { line: block.first + 1, column: 1, offset: start }, end: { line: block.last + 1, column: end - lines.starts[block.last]! + 1, offset: end } },
  };
}

/**
 * The paragraph remark makes of a plain block: one text node holding the block as written, line endings included;
 * spaces ending the last line belong to the paragraph but not to its text.
 */
function plainParagraph(text: string, lines: LineIndex, block: Block): Paragraph {
  const startOffset = lines.starts[block.first]!;
  const endOffset = lines.ends[block.last]!;
  let textEnd = endOffset;
  while (text.charCodeAt(textEnd - 1) === 32) textEnd--;
  const lastStart = lines.starts[block.last]!;
  const start = (): Point => ({ line: block.first + 1, column: 1, offset: startOffset });
  const end = (offset: number): Point => ({ line: block.last + 1, column: offset - lastStart + 1, offset });
  const value: Text = { type: 'text', value: text.slice(startOffset, textEnd), position: { start: start(), end: end(textEnd) } };
  return { type: 'paragraph', children: [value], position: { start: start(), end: end(endOffset) } };
}
