/**
 * links: links to nowhere (`[Table 1](#)`) are mended or dropped. A link whose text names a table points to that
 * table's anchor (`#table-1`, the record's id, written by the tables rule); any other empty link becomes its text.
 */
import type { PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { CleanRule } from './rule.js';
import { recordForLabel } from './labels.js';
import { phrasingParentsOf, tidy } from './phrasing.js';
import { lineOf, markdownOf, plainText } from './text.js';

export const links: CleanRule = {
  name: 'links',
  transform(tree: Root, context) {
    // Anchors already in the text (a cleaned document) count as much as the records do.
    const ids = new Set(context.tables.map((table) => table.id));
    visit(tree, 'html', (node) => {
      for (const match of node.value.matchAll(/<a id="([\w-]+)">/g)) ids.add(match[1]!);
    });
    for (const parent of phrasingParentsOf(tree)) {
      let dropped = false;
      parent.children = parent.children.flatMap((child): PhrasingContent[] => {
        if (child.type !== 'link') return [child];
        const target = child.url.trim();
        const dangling = target === '' || target === '#' || (target.startsWith('#') && !ids.has(target.slice(1)) && /^#(?:table|fig)/.test(target));
        if (!dangling) return [child];
        const record = recordForLabel(plainText(child), context.tables);
        if (record) {
          const mended = { ...child, url: `#${record.id}` };
          context.log({ line: lineOf(child), before: markdownOf(child), after: markdownOf(mended) });
          return [mended];
        }
        context.log({ line: lineOf(child), before: markdownOf(child), after: markdownOf(...child.children) });
        dropped = true;
        return child.children;
      });
      if (dropped) tidy(parent);
    }
  },
};
