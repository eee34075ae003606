/**
 * The reference parser: unified + remark-parse + remark-gfm over the whole text. `parseMarkdown` (../parse.ts) must
 * give exactly this tree; it calls this on the parts it cannot prove plain, and on the whole text when a proof fails.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// remark-gfm only adds syntax extensions to the parser: parsing alone gives the full GFM tree, no transform to run.
const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseWithRemark(text: string): Root {
  return processor.parse(text);
}
