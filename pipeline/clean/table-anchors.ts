/**
 * table-anchors: a table that ends up right after another table keeps its anchor (`<a id="table-2"></a>`) between
 * them. The tables stage kept the two apart for what stood between them; once cleaning has removed or moved that
 * (page number, running header, a correspondence line, a paragraph cut by the page), the anchor is what makes the
 * cleaned text read as two tables again rather than one table split by a page break. Runs last.
 */
import type { Nodes, Paragraph, Root, RootContent } from 'mdast';
import type { CleanRule } from './rule.js';
import { lineOf } from './text.js';
import { tableIds } from './tables.js';

export const tableAnchors: CleanRule = {
  name: 'table-anchors',
  transform(tree: Root, context) {
    const visit = (node: Nodes) => {
      if (!('children' in node)) return;
      const blocks = node.children as RootContent[];
      for (let index = 1; index < blocks.length; index++) {
        const block = blocks[index]!;
        const id = block.type === 'table' ? tableIds.get(block) : undefined;
        let previous = index - 1;
        while (previous > 0 && blocks[previous]!.type === 'html') previous--;
        if (id === undefined || blocks[previous]!.type !== 'table') continue;
        const value = `<a id="${id}"></a>`;
        const anchor: Paragraph = { type: 'paragraph', children: [{ type: 'html', value }] };
        blocks.splice(index, 0, anchor);
        context.log({ line: lineOf(block), before: '', after: value });
        index++;
      }
      for (const child of blocks) visit(child);
    };
    visit(tree);
  },
};
