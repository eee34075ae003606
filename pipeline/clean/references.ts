/**
 * references: the reference list stays one list, one entry each, even where the converter switched from `- ` items
 * to plain paragraphs half-way; DOIs written as text become links to doi.org (URLs are already autolinks in GFM).
 */
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import type { CleanRule, RuleContext } from './rule.js';
import { phrasingParentsOf } from './phrasing.js';
import { lineOf, markdownOf, plainText, sourceOf } from './text.js';

export const referencesTitle =
  /^(?:references|bibliography|literature|literature cited|works cited|sources|tài liệu tham khảo|literaturverzeichnis|literatur|références|bibliographie|referencias|参考文献|список литературы|литература)$/iu;
// A DOI's suffix is bounded (real ones are far shorter): `10.1/10.1/…` without a space was scanned to its end from each.
const doiText = /\b(10\.\d{4,9}\/[^\s<>"]{0,500}[^\s<>".,;:)\]])/gu;

/** Index range of the reference blocks: after the references heading, up to the next heading or footnotes. */
function referenceBlocks(blocks: RootContent[]): [number, number] | null {
  const heading = blocks.findLastIndex((block) => block.type === 'heading' && referencesTitle.test(plainText(block)));
  if (heading === -1) return null;
  let end = heading + 1;
  while (end < blocks.length && blocks[end]!.type !== 'heading' && blocks[end]!.type !== 'footnoteDefinition') end++;
  return [heading + 1, end];
}

function linkDois(list: List, context: RuleContext): void {
  const holder: Root = { type: 'root', children: [list] };
  for (const parent of phrasingParentsOf(holder)) {
    if (parent.type === 'link') continue;
    parent.children = parent.children.flatMap((child): PhrasingContent[] => {
      if (child.type !== 'text' || !doiText.test(child.value)) return [child];
      doiText.lastIndex = 0;
      const pieces: PhrasingContent[] = [];
      let last = 0;
      for (const match of child.value.matchAll(doiText)) {
        if (match.index > last) pieces.push({ type: 'text', value: child.value.slice(last, match.index) });
        const doi = match[1]!;
        const link: PhrasingContent = { type: 'link', url: `https://doi.org/${doi}`, children: [{ type: 'text', value: doi }] };
        pieces.push(link);
        context.log({ line: lineOf(child), before: doi, after: markdownOf(link) });
        last = match.index + doi.length;
      }
      if (last < child.value.length) pieces.push({ type: 'text', value: child.value.slice(last) });
      return pieces;
    });
  }
}

export const references: CleanRule = {
  name: 'references',
  transform(tree: Root, context) {
    const range = referenceBlocks(tree.children);
    if (!range) return;
    const [start, end] = range;
    const blocks = tree.children.slice(start, end);
    const items: ListItem[] = [];
    for (const block of blocks) {
      if (block.type === 'list') {
        items.push(...block.children.map((item) => ({ ...item, spread: false })));
      } else if (block.type === 'paragraph') {
        items.push({ type: 'listItem', spread: false, children: [block], position: block.position });
        context.log({ line: lineOf(block), before: sourceOf(context.source.text, block), after: `- ${markdownOf(block)}` });
      } else return; // Something else stands among the references: leave the section as it is.
    }
    if (items.length === 0) return;
    const first = blocks[0]!;
    const ordered = first.type === 'list' && first.ordered === true;
    const list: List = {
      type: 'list',
      ordered,
      start: ordered && first.type === 'list' ? first.start : null,
      spread: false,
      children: items,
      position: first.position,
    };
    linkDois(list, context);
    tree.children.splice(start, end - start, list);
  },
};

