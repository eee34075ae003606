/**
 * headings: the outline the metadata stage detects (pipeline/metadata/sections.ts) becomes the document's headings,
 * whatever the converter wrote: title level 1, top sections (and Abstract) level 2, their subsections level 3.
 * Pseudo-headings written as plain lines become headings, bold wrappers go, headings that are no section become text.
 */
import type { Heading, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { findFrontMatter, findSections } from '../metadata/index.js';
import { isFurnitureLine } from './furniture.js';
import type { CleanRule } from './rule.js';
import { lineOf, markdownOf, plainText, sourceOf } from './text.js';

/** A heading's content without a bold (or italic) wrapper that spans all of it. */
function unwrapped(children: PhrasingContent[]): PhrasingContent[] {
  const meaningful = children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const only = meaningful[0];
  if (meaningful.length === 1 && only && (only.type === 'strong' || only.type === 'emphasis')) return unwrapped(only.children);
  return children;
}

/** A heading is one line: line ends and hard breaks inside it become spaces (else it stringifies as setext). */
function oneLine(children: PhrasingContent[]): PhrasingContent[] {
  return children.map((child): PhrasingContent => {
    if (child.type === 'break') return { type: 'text', value: ' ' };
    if (child.type === 'text') return { ...child, value: child.value.replace(/(?<![ \t])[ \t]*(?:\r?\n[ \t]*)+/g, ' ') };
    return 'children' in child ? ({ ...child, children: oneLine(child.children as PhrasingContent[]) } as PhrasingContent) : child;
  });
}

function headingFrom(block: RootContent, depth: Heading['depth']): Heading | null {
  if (block.type === 'heading' || block.type === 'paragraph') {
    return { type: 'heading', depth, children: oneLine(unwrapped(block.children)), position: block.position };
  }
  if (block.type === 'list' && block.ordered) {
    const paragraph = block.children[0]?.children[0];
    if (paragraph?.type !== 'paragraph') return null;
    const number: PhrasingContent = { type: 'text', value: `${block.start ?? 1}. ` };
    return { type: 'heading', depth, children: [number, ...oneLine(unwrapped(paragraph.children))], position: block.position };
  }
  return null;
}

export const headings: CleanRule = {
  name: 'headings',
  transform(tree: Root, context) {
    const blocks = tree.children;
    const front = findFrontMatter(tree);
    const wanted = new Map<number, Heading['depth']>();
    // A title that is a line inside a longer block stays text: no heading is invented around the block.
    if (front.title !== -1 && front.titleWhole) wanted.set(front.title, 1);
    if (front.abstractMarker !== -1 && front.abstractMarker !== front.title) {
      const marker = blocks[front.abstractMarker]!;
      // `Abstract` alone is a heading; `Abstract: This paper …` is the abstract itself.
      if (marker.type === 'heading' || (marker.type === 'paragraph' && !/\s/.test(markdownOf(marker).trim().replace(/[*_]/g, '').trim()))) {
        wanted.set(front.abstractMarker, 2);
      }
    }
    for (const section of findSections(tree)) wanted.set(section.index, Math.min(6, section.depth + 1) as Heading['depth']);
    tree.children = blocks.flatMap((block, index): RootContent[] => {
      // A heading with no text (`## ` alone) stays as it is: made a paragraph it prints as a blank line, which the
      // next reading drops; dropped, the blocks around it may read as one table the first reading did not see.
      if (block.type === 'heading' && toString(block).trim() === '') return [block];
      const depth = wanted.get(index);
      let next: RootContent = block;
      if (depth !== undefined) {
        next = headingFrom(block, depth) ?? block;
        // Lines joined into one heading line can read as furniture (`© 2020 Publisher` + `Drug routes` → `© 2020 …`)
        // that the furniture rule kept because one line was prose: the next cleaning would drop that heading whole.
        if (block.type !== 'heading' && isFurnitureLine(plainText(next))) next = block;
      } else if (block.type === 'heading' && front.title !== -1 && index > front.title) {
        const paragraph: Paragraph = { type: 'paragraph', children: block.children, position: block.position };
        next = paragraph;
      }
      if (next === block) return [block];
      const before = markdownOf(block);
      const after = markdownOf(next);
      if (before !== after) context.log({ line: lineOf(block), before: sourceOf(context.source.text, block), after });
      return [next];
    });
  },
};
