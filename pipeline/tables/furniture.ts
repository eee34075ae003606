/**
 * furniture: what a page break leaves beside a table: page numbers, running header or footer lines (short lines that
 * occur more than once in the source, digits aside), a `Table 1 (continued)` line, a rule (marker's `{12}-----` page
 * separator too), an HTML comment or an empty page anchor (`<span id="page-12-0"></span>`). Between the parts of a
 * split table it joins them (continuations.ts); between a caption and its table it is looked past (caption.ts).
 */
import type { RootContent } from 'mdast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { cellText } from './grids.js';
import { sourceLines } from './lines.js';
import { anchorTag, captionPattern, continuedPattern, notePattern, pageNumber } from './patterns.js';

/** Blocks of furniture that may stand together at a page break (footer, page number, header, "continued"). */
export const maxFurnitureBlocks = 4;
/** As many, when the second part repeats the first's header: then the page's picture of the table may stand there too. */
export const maxFurnitureBlocksRepeatedHeader = 8;

/** A paragraph that holds only images (a converter's picture of the table it also transcribed). */
export function imageOnly(block: RootContent): boolean {
  return (
    block.type === 'paragraph' &&
    block.children.length > 0 &&
    block.children.every((child) => child.type === 'image' || (child.type === 'text' && child.value.trim() === ''))
  );
}

const masked = (line: string) => line.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();

/** A test for page furniture among the blocks of `text`. */
export function pageFurniture(text: string): (block: RootContent) => boolean {
  const lines = text.split('\n');
  // How often each line occurs (digits masked), to tell running headers; counted over the whole text, and only when
  // first asked (a large source whose tables stand far from anything never needs it).
  let counted: Map<string, number> | null = null;
  const seenCount = (key: string): number => {
    if (!counted) {
      counted = new Map();
      for (const line of lines) {
        const lineKey = masked(cellText(line));
        if (lineKey !== '') counted.set(lineKey, (counted.get(lineKey) ?? 0) + 1);
      }
    }
    return counted.get(key) ?? 0;
  };
  return (block) => {
    if (block.type === 'thematicBreak') return true;
    if (block.type === 'html') return !anchorTag.test(block.value.trim()) && toText(fromHtml(block.value, { fragment: true })).trim() === '';
    if (block.type !== 'paragraph' && block.type !== 'heading') return false;
    // An anchor names the table after it: a table of its own (cleaning writes one before each table it keeps apart).
    if (block.children.some((child) => child.type === 'html' && anchorTag.test(child.value))) return false;
    const own = sourceLines(block, lines)
      .map((entry) => cellText(entry.text.replace(/^\s*#{1,6}\s+/, '')))
      .filter((line) => line !== '');
    // A block with no text at all (`<span id="page-12-0"></span>`, marker's page anchor) is furniture too.
    // A running header or footer of many lines (publisher, document code, copyright) repeats on every page.
    const repeatedBlock = own.length > 2 && own.every((line) => pageNumber.test(line) || (line.length <= 200 && seenCount(masked(line)) >= 3));
    return (
      repeatedBlock ||
      (own.length <= 2 &&
        own.every((line) => {
          // A setext heading's underline, and marker's page separator `{12}------`, are rules.
          if (pageNumber.test(line) || /^(?:\{\d+\})?[-=_]{3,}$/.test(line)) return true;
          if (captionPattern.test(line)) return continuedPattern.test(line);
          if (line.length > 100 || notePattern.test(line) || /[.:;,]$/.test(line) || !/\p{L}/u.test(line)) return false;
          return seenCount(masked(line)) >= 2;
        }))
    );
  };
}
