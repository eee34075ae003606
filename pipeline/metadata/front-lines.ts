/**
 * Front lines: the first blocks of a document as the visual lines a reader scans for the title and byline.
 * Converters glue lines (a title, its byline and a journal line in one paragraph) or split them (a title over two
 * lines), so the title and authors are looked for line by line, each line knowing its block.
 */
import type { Root, RootContent } from 'mdast';
import { collapse, inlinePieces, plainLines, plainText } from './inline-text.js';

export type FrontLineKind = 'heading' | 'text' | 'list' | 'table' | 'html' | 'code';

export interface FrontLine {
  /** Index of the block in `tree.children`. */
  block: number;
  /** Position of the line inside its block (0 for a heading). */
  line: number;
  /** How many lines its block has. */
  lines: number;
  /** Plain text, marks removed, spaces collapsed; empty for a table or an image. */
  text: string;
  kind: FrontLineKind;
  /** Heading depth, 0 for other lines. */
  depth: number;
  /** Whether the line carried superscript marks (`<sup>a</sup>`, `^{1}`), which `text` leaves out. */
  marked: boolean;
}

/** DeepSeek-OCR grounding tokens: `<|ref|>title<|/ref|><|det|>[[…]]<|/det|>`, layout data, never text. */
const groundingPattern = /<\|ref\|>[\s\S]*?<\|\/ref\|>|<\|det\|>[\s\S]*?<\|\/det\|>|<\|\/?[a-z_]+\|>/g;
/** The blocks scanned: the front matter of an article, the cover of a report. */
const frontBlocks = 80;

/** Text without grounding tokens and with the markup converters leave in plain text (`\(`, LaTeX marks). */
export function cleanLine(text: string): string {
  return collapse(text.replace(groundingPattern, ' ').replace(/\\([()[\]_*#|-])/g, '$1'));
}

function htmlText(html: string): string {
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&nbsp;/g, ' ');
}

function linesOf(block: RootContent): { kind: FrontLineKind; texts: string[]; depth: number } {
  switch (block.type) {
    case 'heading':
      return { kind: 'heading', texts: [plainText(block).replace(/\s+/g, ' ')], depth: block.depth };
    case 'paragraph':
      return { kind: 'text', texts: plainLines(block), depth: 0 };
    case 'list':
      return { kind: 'list', texts: block.children.map((item) => plainText(item).replace(/\s+/g, ' ')), depth: 0 };
    case 'table':
      return { kind: 'table', texts: [''], depth: 0 };
    case 'code':
      return { kind: 'code', texts: block.value.split('\n').map((line) => line.trim()).filter((line) => line !== ''), depth: 0 };
    case 'html':
      if (/<table\b/i.test(block.value)) return { kind: 'table', texts: [''], depth: 0 };
      return { kind: 'html', texts: htmlText(block.value).split('\n'), depth: 0 };
    default:
      return { kind: 'html', texts: [], depth: 0 };
  }
}

/** Per line of a paragraph or heading, whether a superscript mark stood on it (a byline's sign). */
function markedLines(block: RootContent): boolean[] {
  if (block.type !== 'paragraph' && block.type !== 'heading') return [];
  const marked: boolean[] = [false];
  for (const piece of inlinePieces(block)) {
    if (piece.superscript) marked[marked.length - 1] = true;
    else for (let breaks = piece.text.split('\n').length - 1; breaks > 0; breaks--) marked.push(false);
  }
  return marked;
}

/** The front lines of a tree: every non-empty line of its first blocks, in order. */
export function frontLines(tree: Root): FrontLine[] {
  const result: FrontLine[] = [];
  tree.children.slice(0, frontBlocks).forEach((block, index) => {
    const { kind, texts, depth } = linesOf(block);
    // Marks are matched to lines only when no line went empty (then the counts agree).
    const marks = markedLines(block);
    const aligned = marks.length === texts.length;
    const lines = texts.map((text, at) => ({ text: kind === 'table' ? text : cleanLine(text), marked: aligned && marks[at] === true }));
    const kept = kind === 'table' ? lines : lines.filter((line) => line.text !== '');
    kept.forEach(({ text, marked }, line) => result.push({ block: index, line, lines: kept.length, text, kind, depth, marked }));
  });
  return result;
}
