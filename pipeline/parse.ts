/**
 * parse: Markdown text → mdast, with GFM (tables, footnotes, autolinks, strikethrough).
 * Positions are kept, so every later stage can name the source line.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// remark-gfm only adds syntax extensions to the parser: parsing alone gives the full GFM tree, no transform to run.
const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
