/**
 * parse: Markdown text → mdast, with GFM (tables, footnotes, autolinks, strikethrough).
 * Positions are kept, so every later stage can name the source line.
 *
 * The tree is exactly remark's (unified + remark-parse + remark-gfm, `parse/remark.ts`), made faster by not parsing
 * the plain prose paragraphs and by parsing the rest in chunks (`parse/fast.ts` says how and why it is the same tree).
 */
import type { Root } from 'mdast';
import { parseFast } from './parse/fast.js';

export { parseWithRemark } from './parse/remark.js';

export function parseMarkdown(text: string): Root {
  return parseFast(text).tree;
}
