/**
 * page-breaks: a paragraph cut where a page ended is joined back to its rest (`it was very` ⏎⏎ `embarrassing …`),
 * across captions, tables and notes that the break put in between (they move after it); a word hyphenated across
 * a line or a page (`coope-` ⏎ `ration`) is joined. A paragraph that ends a sentence is a genuine end and stays.
 */
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { CleanRule, RuleContext } from './rule.js';
import { phrasingParentsOf, tidy } from './phrasing.js';
import { lineOf } from './text.js';
import { runStart } from '../text-end.js';

const terminal = /[.!?:;…"”»'’]$/u;
/** Captions, source lines and notes that float where a page broke. */
export const floatingCaption =
  /^(?:table|tab\.|fig\.?|figure|chart|map|graph|diagram|exhibit|tabelle|abbildung|bảng|hình|source|sources|note|notes|quelle|anmerkung|nguồn|资料来源|来源|表|图)\s*[\d.:：]/iu;
/** A cut paragraph is this long at least before a capitalised continuation is trusted to belong to it. */
const minBodyLength = 150;
const lineHyphen = /(\p{L})-\n(\p{Ll})/gu;
const lettersFrom = /\p{L}*/uy;
const tailLength = 200;

/** The text a reader sees: inline HTML left out (the caption anchor `<a id="table-1"></a>` hid the caption). */
function textOf(block: RootContent): string {
  return toString(block, { includeHtml: false }).replace(/\s+/g, ' ').trim();
}

/**
 * The blocks' texts, each worked out once while the rule runs: a pass asks for a block's text five or six times (is
 * it prose, a caption, between a caption and its table, the start of a rest), and passes repeat until nothing joins.
 * A paragraph that takes its rest is forgotten, since its text grew.
 */
class BlockTexts {
  private readonly known = new WeakMap<RootContent, { text: string; tab: boolean }>();

  private of(block: RootContent): { text: string; tab: boolean } {
    let found = this.known.get(block);
    if (!found) {
      found = { text: textOf(block), tab: block.type === 'paragraph' && toString(block).includes('\t') };
      this.known.set(block, found);
    }
    return found;
  }

  text(block: RootContent): string {
    return this.of(block).text;
  }

  /** A paragraph of text: a word in it at least (a lone `�` or `*` is debris, not a paragraph a page cut). */
  isProse(block: RootContent | undefined): block is Paragraph {
    if (block?.type !== 'paragraph') return false;
    const { text, tab } = this.of(block);
    return !tab && /\p{L}{2}/u.test(text);
  }

  isInterruption(block: RootContent): boolean {
    if (block.type === 'table' || block.type === 'html' || block.type === 'footnoteDefinition') return true;
    return block.type === 'paragraph' && floatingCaption.test(this.text(block));
  }

  /**
   * A paragraph between a caption and its table kept the two apart when the table stage read them: taken away, it
   * would leave them side by side, and the next cleaning would tie them.
   */
  betweenCaptionAndTable(blocks: RootContent[], index: number): boolean {
    const before = blocks[index - 1];
    return before?.type === 'paragraph' && floatingCaption.test(this.text(before)) && blocks[index + 1]?.type === 'table';
  }

  forget(block: RootContent): void {
    this.known.delete(block);
  }
}

/** `end` is the cut paragraph's text (or its tail), `endLength` the length of all of it. */
function shouldJoin(end: string, endLength: number, start: string): boolean {
  if (terminal.test(end)) return false;
  if (/^\p{Ll}/u.test(start)) return true;
  return endLength >= minBodyLength && start.length >= minBodyLength / 3 && /[\p{L}\p{N},]$/u.test(end) && /^[\p{Lu}\p{N}]/u.test(start);
}

/**
 * Append `rest` to `cut`, one space between (none after a hyphen that splits a word); italic runs merge, and so do
 * the texts at the joint (remark escapes a text by what it holds: `[` alone is escaped, `[ a]` is not).
 */
function join(cut: Paragraph, rest: Paragraph): void {
  const last = cut.children[cut.children.length - 1];
  const first = rest.children[0];
  if (last?.type === 'emphasis' && first?.type === 'emphasis') {
    const run: Paragraph = { type: 'paragraph', children: last.children };
    join(run, { type: 'paragraph', children: first.children });
    last.children = run.children;
    cut.children.push(...rest.children.slice(1));
  } else {
    const tail = lastText(cut.children);
    // Only the end of the growing text is looked at: a paragraph joined from thousands of pieces stays linear.
    const hyphenated = tail !== undefined && /\p{L}-$/u.test(tail.value.slice(-3)) && /^\p{Ll}/u.test(textOf(rest));
    if (tail && hyphenated) tail.value = tail.value.slice(0, -1);
    else if (tail) tail.value = tail.value.trimEnd();
    const head = rest.children[0];
    if (head?.type === 'text') head.value = head.value.replace(/^\s+/, '');
    cut.children.push(...(hyphenated ? [] : [{ type: 'text', value: ' ' } as PhrasingContent]), ...rest.children);
  }
  tidy(cut);
  if (cut.position && rest.position) cut.position = { start: cut.position.start, end: rest.position.end };
}

function lastText(children: PhrasingContent[]): { value: string } | undefined {
  const last = children[children.length - 1];
  if (last?.type === 'text') return last;
  if (last && 'children' in last) return lastText(last.children as PhrasingContent[]);
  return undefined;
}

function joinLineHyphens(tree: Root, context: RuleContext): void {
  for (const parent of phrasingParentsOf(tree)) {
    for (const child of parent.children) {
      if (child.type !== 'text' || !lineHyphen.test(child.value)) continue;
      lineHyphen.lastIndex = 0;
      child.value = child.value.replace(lineHyphen, (whole: string, left: string, right: string, offset: number) => {
        // Walked from the hyphen both ways, never the whole text again: a text of many hyphens stays linear.
        const word = child.value.slice(runStart(child.value, /[\p{L}-]/u, offset + 1), offset + 1) || left;
        lettersFrom.lastIndex = offset + whole.length - 1;
        const tail = lettersFrom.exec(child.value)?.[0] || right;
        context.log({ line: lineOf(child), before: `${word}-\n${tail}`, after: `${word}${tail}` });
        return `${left}${right}`;
      });
    }
  }
}

export const pageBreaks: CleanRule = {
  name: 'page-breaks',
  transform(tree: Root, context) {
    joinLineHyphens(tree, context);
    // Until nothing joins: a join can make the next paragraph long enough to take one more (`Abstract` ⏎⏎ `same
    // years, …` grows, then the cut paragraph before it takes it), which the next cleaning would otherwise do.
    const texts = new BlockTexts();
    while (joinCutParagraphs(tree.children, context, texts));
  },
};

/** One pass of joins over the blocks; whether anything was joined. */
function joinCutParagraphs(blocks: RootContent[], context: RuleContext, texts: BlockTexts): boolean {
  let joined = false;
  for (let index = 0; index < blocks.length; index++) {
    const cut = blocks[index];
    // A caption or note floats where the page put it: it is never a cut paragraph (joined, the text after its
    // table became part of its title, and the next cleaning wrote the caption a second time).
    if (!texts.isProse(cut) || texts.isInterruption(cut)) continue;
    // Only the tail and the length of the growing paragraph are needed: recomputing its whole text after each
    // join would make a source of many cut pieces quadratic.
    const full = texts.text(cut);
    let tail = full.slice(-tailLength);
    let length = full.length;
    for (;;) {
      let next = index + 1;
      while (next < blocks.length && texts.isInterruption(blocks[next]!)) next++;
      const rest = blocks[next];
      if (!texts.isProse(rest) || texts.betweenCaptionAndTable(blocks, next)) break;
      const restText = texts.text(rest);
      if (!shouldJoin(tail, length, restText)) break;
      const hyphenated = /\p{L}-$/u.test(tail) && /^\p{Ll}/u.test(restText);
      const before = `${tail.slice(-30)}\n\n${restText.slice(0, 30)}`;
      const joinedTail = hyphenated ? `${tail.slice(0, -1)}${restText}` : `${tail} ${restText}`;
      const between = blocks.slice(index + 1, next);
      join(cut, rest);
      joined = true;
      context.log({ line: lineOf(rest), before, after: joinedTail.slice(Math.max(0, tail.length - 30), tail.length + 31) });
      // The interrupting blocks now follow the whole paragraph.
      blocks.splice(index + 1, next - index, ...between);
      length += restText.length + (hyphenated ? -1 : 1);
      tail = joinedTail.slice(-tailLength);
    }
    // Forgotten once it stops growing, not at each join: the checks above ask for its text again (is the block
    // before the next one a caption?), and working out the growing text every time was quadratic. Until then the
    // known text still answers them: a join only adds to the end of a paragraph without tabs.
    if (length !== full.length) texts.forget(cut);
  }
  return joined;
}
