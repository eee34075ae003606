/**
 * markers: affiliation and footnote marks leave author names and sentences: `Bui Nam Khanh ^{a, *}`,
 * `Binh <sup>a, \*</sup>`, `^a Diplomatic Academy`, `<sup>a</sup> Diplomatic Academy`. A mark in the sentence's own
 * text (`agreement)*.`) is no mark list: the `footnotes` rule ties it to its footnote text; ordinals
 * (`16<sup>th</sup>`) are left to inline-html.
 */
import type { PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { CleanRule, RuleContext } from './rule.js';
import { nextTagPair, phrasingParentsOf, type PhrasingParent } from './phrasing.js';
import { lineOf } from './text.js';
import { withoutTrailing } from '../text-end.js';

const markPiece = String.raw`(?:\p{Ll}|\d{1,2}|[*†‡§#])`;
/** A mark list: `a`, `a, *`, `1,2`, `†`. */
export const markList = new RegExp(`^\\s*${markPiece}(?:\\s*,\\s*${markPiece})*\\s*$`, 'u');
// From the start of a run of spaces only: tried from each space of a long run, the search was quadratic.
const latexMark = new RegExp(String.raw`(?<!\s)\s*\^\{(${markPiece}(?:\s*,\s*${markPiece})*)\s*\}`, 'gu');
/** `^a Diplomatic Academy`: a caret mark at the start of a line. */
const leadingCaretMark = /^\^(\p{Ll}|\d{1,2}|[*†‡])\s+/u;
const ordinalSuffix = /^(?:st|nd|rd|th|e|er|re|ème|º|ª)$/iu;
const unitBefore = /\b(?:m|km|cm|mm|ft|in|kg|mi)$/u;

const supTags = new Set(['sup']);

function removeSupMarks(parent: PhrasingParent, context: RuleContext): void {
  let from = 0;
  for (let pair = nextTagPair(parent.children, from, supTags); pair; pair = nextTagPair(parent.children, from, supTags)) {
    const inner = parent.children.slice(pair.open + 1, pair.close);
    const content = toString({ type: 'paragraph', children: inner });
    const previous = parent.children[pair.open - 1];
    const previousText = previous?.type === 'text' ? previous.value : '';
    const isOrdinal = /\d$/.test(previousText) && ordinalSuffix.test(content.trim());
    const isPower = /^\d{1,2}$/.test(content.trim()) && unitBefore.test(previousText);
    if (isOrdinal || isPower || !markList.test(content)) {
      from = pair.close + 1;
      continue;
    }
    const open = parent.children[pair.open]!;
    const close = parent.children[pair.close]!;
    const start = open.position?.start.offset;
    const end = close.position?.end.offset;
    const before = start !== undefined && end !== undefined ? context.source.text.slice(start, end) : `<sup>${content}</sup>`;
    context.log({ line: lineOf(open), before, after: '' });
    parent.children.splice(pair.open, pair.close - pair.open + 1);
    tidyAround(parent.children, pair.open);
    from = pair.open;
  }
}

/** After a mark is cut out: no space before a comma or at a line's start, no double space. */
function tidyAround(children: PhrasingContent[], index: number): void {
  const previous = children[index - 1];
  const next = children[index];
  if (next?.type === 'text' && (index === 0 || (previous?.type === 'text' && /\s$/.test(previous.value)))) {
    next.value = next.value.replace(/^[ \t]+/, '');
  }
  if (previous?.type === 'text' && (next === undefined || (next.type === 'text' && /^[,.;:)\n]/.test(next.value)))) {
    previous.value = withoutTrailing(previous.value, /[ \t]/);
  }
  if (previous?.type === 'text' && next?.type === 'text') {
    previous.value += next.value;
    children.splice(index, 1);
  }
}

function removeTextMarks(parent: PhrasingParent, context: RuleContext): void {
  parent.children.forEach((child, index) => {
    if (child.type !== 'text') return;
    const node: Text = child;
    let value = node.value.replace(latexMark, (whole) => {
      context.log({ line: lineOf(node), before: whole.trim(), after: '' });
      return '';
    });
    if (index === 0 && (parent.type === 'paragraph' || parent.type === 'heading')) {
      value = value.replace(leadingCaretMark, (whole) => {
        context.log({ line: lineOf(node), before: whole.trim(), after: '' });
        return '';
      });
    }
    node.value = value;
  });
}

export const markers: CleanRule = {
  name: 'markers',
  transform(tree: Root, context) {
    for (const parent of phrasingParentsOf(tree)) {
      removeSupMarks(parent, context);
      removeTextMarks(parent, context);
    }
  },
};
