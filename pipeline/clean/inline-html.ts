/**
 * inline-html: inline HTML that converters emit becomes Markdown: `<b>`/`<strong>` strong, `<i>`/`<em>` emphasis,
 * `<sup>`/`<sub>` text (Unicode digits where they are exponents, plain ordinals), `<br>` a line break, other
 * presentational tags unwrapped. Stray `**` that close nothing (`Khanh, 2018** –`) are dropped. Our anchors stay.
 */
import type { PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { CleanRule, RuleContext } from './rule.js';
import { nextTagPair, phrasingParentsOf, tidy, type PhrasingParent } from './phrasing.js';
import { lineOf, markdownOf } from './text.js';
import { runStart } from '../text-end.js';

const pairedTags = new Set(['b', 'strong', 'i', 'em', 'u', 'span', 'font', 'sup', 'sub', 'small', 'mark', 'cite', 'ins']);
const loneTag = /^<\/?(?:b|strong|i|em|u|span|font|sup|sub|small|mark|cite|ins)\b[^>]*>$/i;
const breakTag = /^<br\s*\/?>$/i;
/** The anchor the tables rule writes before a caption: `<a id="table-1"></a>`. */
export const anchorTag = /^<a id="[\w-]+"><\/a>$|^<a id="[\w-]+">$|^<\/a>$/;
const superscriptDigits: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '+': '⁺' };
const subscriptDigits: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉' };
/** `**` or `__` glued to a word end that the parser left as text: it opened or closed nothing. */
const strayStrong = /(?<=[\p{L}\p{N}.)])(?:\*\*|__)(?=[\s,.;:–—-]|$)/gu;

function sourceSpan(context: RuleContext, first: PhrasingContent, last: PhrasingContent): string {
  const start = first.position?.start.offset;
  const end = last.position?.end.offset;
  return start !== undefined && end !== undefined ? context.source.text.slice(start, end) : markdownOf(first, last);
}

function scriptText(content: string, digits: Record<string, string>): string {
  return [...content].every((char) => char in digits) ? [...content].map((char) => digits[char]).join('') : content;
}

function convertPairs(parent: PhrasingParent, context: RuleContext, inCell: boolean): void {
  let from = 0;
  for (let pair = nextTagPair(parent.children, from, pairedTags); pair; pair = nextTagPair(parent.children, from, pairedTags)) {
    const inner = parent.children.slice(pair.open + 1, pair.close);
    const before = sourceSpan(context, parent.children[pair.open]!, parent.children[pair.close]!);
    const line = lineOf(parent.children[pair.open]) ?? lineOf(parent);
    // `16<sup>th</sup>` reads `16th`: the log shows the word the mark belonged to.
    const previous = parent.children[pair.open - 1];
    const word = pair.tag === 'sup' || pair.tag === 'sub' ? (previous?.type === 'text' ? previous.value.slice(runStart(previous.value, /[\p{L}\p{N}]/u)) : '') : '';
    let replacement: PhrasingContent[];
    if (pair.tag === 'b' || pair.tag === 'strong') replacement = [{ type: 'strong', children: inner }];
    else if (pair.tag === 'i' || pair.tag === 'em' || pair.tag === 'cite') replacement = [{ type: 'emphasis', children: inner }];
    else if (pair.tag === 'sup' || pair.tag === 'sub') {
      const content = toString({ type: 'paragraph', children: inner });
      replacement = [{ type: 'text', value: scriptText(content, pair.tag === 'sup' ? superscriptDigits : subscriptDigits) }];
    } else replacement = inner;
    if (inCell) replacement = replacement.filter((node) => toString(node).trim() !== '' || node.type === 'text');
    // Tags inside a new strong or emphasis are its own (`<b><i>x</i></b>`): cleaned now, or the next cleaning would.
    for (const node of replacement) if (node.type === 'strong' || node.type === 'emphasis') cleanPhrasing(node, context, inCell);
    parent.children.splice(pair.open, pair.close - pair.open + 1, ...replacement);
    const after = markdownOf(...(replacement.length ? replacement : [{ type: 'text' as const, value: '' }]));
    context.log({ line, before: `${word}${before}`, after: `${word}${after}` });
    // From the replacement on: an unwrapped tag's inside may hold pairs (`<span><b>x</b></span>`); a new strong or
    // emphasis is no html node, so the search steps over it.
    from = pair.open;
  }
}

/** Every conversion, on the children of one phrasing parent. */
function cleanPhrasing(parent: PhrasingParent, context: RuleContext, inCell: boolean): void {
  convertPairs(parent, context, inCell);
  convertSingles(parent, context, inCell);
  tidy(parent);
  dropStrayStrong(parent, context);
}

function convertSingles(parent: PhrasingParent, context: RuleContext, inCell: boolean): void {
  for (let index = parent.children.length - 1; index >= 0; index--) {
    const child = parent.children[index]!;
    if (child.type !== 'html') continue;
    const tag = child.value.trim();
    if (anchorTag.test(tag)) continue;
    if (breakTag.test(tag)) {
      const replacement: PhrasingContent = inCell || parent.type === 'heading' ? { type: 'text', value: ' ' } : { type: 'break' };
      parent.children.splice(index, 1, replacement);
      context.log({ line: lineOf(child), before: child.value, after: replacement.type === 'break' ? '\\n' : ' ' });
    } else if (loneTag.test(tag)) {
      parent.children.splice(index, 1);
      closeLineGap(parent.children, index);
      context.log({ line: lineOf(child), before: child.value, after: '' });
    }
  }
}

/**
 * A tag removed from a line of its own leaves two line ends in a row (a blank line inside a paragraph, which remark
 * can only write as `&#xA;`) or a line end at the paragraph's edge: one line end stays, between text only.
 */
function closeLineGap(children: PhrasingContent[], index: number): void {
  const before = children[index - 1];
  const after = children[index];
  // The line end before the gap, found from the text's end (a search for `\n[ \t]*$` scans all of it).
  const lineEnd = before?.type === 'text' ? runStart(before.value, /[ \t]/) - 1 : -1;
  const endsLine = before?.type === 'text' && before.value.charAt(lineEnd) === '\n';
  if (after?.type === 'text' && (endsLine || index === 0)) after.value = after.value.replace(/^[ \t]*\n/, '');
  if (before?.type === 'text' && after === undefined && endsLine) before.value = before.value.slice(0, lineEnd);
}

function dropStrayStrong(parent: PhrasingParent, context: RuleContext): void {
  for (const child of parent.children) {
    if (child.type !== 'text' || !strayStrong.test(child.value)) continue;
    strayStrong.lastIndex = 0;
    const before = child.value;
    child.value = child.value.replace(strayStrong, '');
    context.log({ line: lineOf(child), before: before.trim(), after: child.value.trim() });
  }
}

export const inlineHtml: CleanRule = {
  name: 'inline-html',
  transform(tree: Root, context) {
    // Innermost first: a parent is tidied once its styles are cleaned (a style its tags left empty goes there).
    for (const parent of phrasingParentsOf(tree).reverse()) cleanPhrasing(parent, context, parent.type === 'tableCell');
  },
};
