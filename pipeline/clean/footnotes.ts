/**
 * footnotes: a footnote text that a converter left in the flow (`* Agreement on …` where a page ended, parsed as a
 * one-item `*` list or an escaped `\*` paragraph) becomes a GFM footnote at the end of the document, and its mark in
 * the text above (`agreement)*.`) a footnote reference. A text whose mark cannot be found is referenced where it stood.
 */
import type { FootnoteDefinition, FootnoteReference, Paragraph, Root, RootContent } from 'mdast';
import { findFrontMatter } from '../metadata/index.js';
import type { CleanRule } from './rule.js';
import { lineOf, markdownOf, plainText, sourceOf } from './text.js';

const footnoteSigns = ['*', '†', '‡'];
/** How far back (in blocks) a footnote's mark may stand: a page holds a handful of paragraphs. */
const markSearchBlocks = 8;

interface FootnoteText {
  sign: string;
  paragraphs: Paragraph[];
}

/** The footnote a block is, if it is one: its sign and its text with the sign removed. */
function footnoteOf(block: RootContent, sourceText: string): FootnoteText | null {
  if (block.type === 'list' && !block.ordered && block.children.length === 1) {
    const offset = block.position?.start.offset;
    const bullet = offset === undefined ? '' : sourceText.charAt(offset);
    const item = block.children[0]!;
    // Only `*` bullets: `-` lists are real lists (references, enumerations) in every converter we have seen.
    if (bullet !== '*' || !item.children.every((child) => child.type === 'paragraph')) return null;
    return { sign: '*', paragraphs: item.children as Paragraph[] };
  }
  if (block.type === 'paragraph') {
    const first = block.children[0];
    if (first?.type !== 'text') return null;
    const sign = footnoteSigns.find((candidate) => first.value.startsWith(`${candidate} `));
    if (!sign) return null;
    const rest = structuredClone(block);
    (rest.children[0] as typeof first).value = first.value.slice(sign.length + 1);
    return { sign, paragraphs: [rest] };
  }
  return null;
}

function signPattern(sign: string): RegExp {
  const escaped = sign.replace(/[*]/g, '\\*');
  // The sign right after a word or a closing bracket, not starting a word: `agreement)*.`
  return new RegExp(`(?<=[\\p{L}\\p{N})\\].,”"])${escaped}(?![\\p{L}\\p{N}*])`, 'u');
}

export const footnotes: CleanRule = {
  name: 'footnotes',
  transform(tree: Root, context) {
    const { bodyStart } = findFrontMatter(tree);
    const definitions: FootnoteDefinition[] = [];
    const kept: RootContent[] = [];
    const blocks = tree.children;
    blocks.forEach((block, index) => {
      const footnote = index >= bodyStart ? footnoteOf(block, context.source.text) : null;
      const previous = kept[kept.length - 1];
      if (!footnote || previous?.type !== 'paragraph') {
        kept.push(block);
        return;
      }
      const identifier = String(definitions.length + 1);
      const reference: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier };
      if (!placeReference(kept.slice(-markSearchBlocks), footnote.sign, reference, context.log)) {
        // Without a mark, only a text that interrupts a cut paragraph is a footnote; otherwise it is a real list.
        if (/[.!?:;…"”]$/.test(plainText(previous))) {
          kept.push(block);
          return;
        }
        previous.children.push(reference);
        const tail = plainText(previous).slice(-40);
        context.log({ line: lineOf(block), before: tail, after: `${tail}[^${identifier}]` });
      }
      const definition: FootnoteDefinition = { type: 'footnoteDefinition', identifier, label: identifier, children: footnote.paragraphs };
      definitions.push(definition);
      context.log({ line: lineOf(block), before: sourceOf(context.source.text, block), after: markdownOf(definition) });
    });
    tree.children = [...kept, ...definitions];
  },
};

/** Replace the last unlinked sign in the given blocks (nearest first) by the reference. */
function placeReference(
  blocks: RootContent[],
  sign: string,
  reference: FootnoteReference,
  log: (change: { line: number | null; before: string; after: string }) => void,
): boolean {
  const pattern = signPattern(sign);
  for (const block of [...blocks].reverse()) {
    if (block.type !== 'paragraph') continue;
    for (let index = block.children.length - 1; index >= 0; index--) {
      const child = block.children[index]!;
      if (child.type !== 'text') continue;
      const match = pattern.exec(child.value);
      if (!match) continue;
      const beforeText = child.value.slice(0, match.index);
      const afterText = child.value.slice(match.index + sign.length);
      const context = beforeText.slice(-30);
      block.children.splice(index, 1, { type: 'text', value: beforeText }, reference, { type: 'text', value: afterText });
      log({ line: lineOf(child), before: `${context}${sign}`, after: `${context}[^${reference.identifier}]` });
      return true;
    }
  }
  return false;
}
