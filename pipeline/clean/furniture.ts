/**
 * furniture: journal furniture leaves the text flow. Copyright and publisher lines, ISSN, the journal's name and
 * volume line, a bare publisher address, issue labels (`## Articles`), empty blocks, page numbers and running
 * headers or footers (short lines that repeat at page intervals). The citation itself lives on in the metadata.
 */
import type { Root, RootContent } from 'mdast';
import { findFrontMatter } from '../metadata/index.js';
import { isStandardSection } from '../metadata/sections.js';
import type { CleanRule, RuleContext } from './rule.js';
import { lineOf, plainLines, sourceOf } from './text.js';

/** Furniture anywhere in a document: these lines never belong to an article's prose. */
const furnitureLine =
  /^(?:copyright\b.*|©.*|\(c\) \d{4}.*|published (?:in|by) .{0,80}|has been issued since\b.*|(?:e-?|p-?|print |online )?issn\b.*|doi\s*:\s*10\.\S+|(?:received|accepted|available online|revised)\s*:?\s*\d{1,2}[ ./-].{0,40}|all rights reserved\.?)$/iu;
/** Front-matter lines: a `2019, 5(1): 3-13` line, a bare web address. */
const frontLine =
  /^(?:\d{4},\s*(?:vol\.\s*)?\d+\s*\(\d+\)\s*:\s*\d+\s*[-–]\s*\d+|(?:https?:\/\/)?www\.[\w.-]+\.[a-z]{2,}\/?|https?:\/\/[\w.-]+\.[a-z]{2,}\/?)$/iu;
/**
 * A journal's name (`Russian Journal of Political Studies`, `Journal of Urban Mobility 7 (2022) 101-115`): furniture
 * above the abstract when it carries volume figures or stands among other furniture lines; a title may say "Review".
 */
const journalName = /^.{0,100}\b(?:journal|review|revue|zeitschrift|proceedings|annals|bulletin|tạp chí)\b[^.:;]{0,60}$/iu;
// Digits from the start of their run only: tried inside a long run of digits, the search was quadratic.
const volumeFigures = /\b(?:19|20)\d{2}\b|(?<!\d)\d+\s*\(\d+\)/u;

/** Labels a journal prints above an article: the section of the issue, the article type. */
const issueLabel =
  /^(?:articles?|research articles?|original (?:research )?articles?|review articles?|short communications?|editorial|commentary)$/iu;
/** A page number alone: `12`, `- 12 -`, `Page 12`, `12 | 34`. */
const pageNumber = /^(?:[-–—]\s*)?(?:page|p\.|seite|trang|стр\.)?\s*\d{1,4}(?:\s*(?:\/|\||of|из)\s*\d{1,4})?(?:\s*[-–—])?$/iu;

/** A line that is furniture wherever it stands (copyright, ISSN, a page number): the headings rule asks too. */
export function isFurnitureLine(line: string): boolean {
  return furnitureLine.test(line) || pageNumber.test(line);
}

const maxRunningLine = 120;
const captionLike = /^(?:sources?|notes?|table|tab\.|fig\.?|figure|chart|map)\b/iu;

/**
 * The line a block shows as a heading or paragraph: an ordered list of one item (`2. Conclusion`) counts as the
 * heading the headings rule makes of it, so a second cleaning, which sees that heading, decides the same.
 */
function shownLines(block: RootContent): string[] | null {
  if (block.type === 'paragraph' || block.type === 'heading') return plainLines(block);
  if (block.type !== 'list' || !block.ordered || block.children.length !== 1) return null;
  const only = block.children[0]!.children;
  if (only.length !== 1 || only[0]!.type !== 'paragraph') return null;
  const lines = plainLines(only[0]!);
  return lines.length === 1 ? [`${block.start ?? 1}. ${lines[0]!}`] : null;
}

/** A short one-line block, as a running header or footer is, with its digits masked: page numbers vary. */
function runningKey(block: RootContent): string | null {
  const lines = shownLines(block);
  if (lines === null) return null;
  if (lines.length !== 1 || lines[0]!.length > maxRunningLine) return null;
  const masked = lines[0]!.replace(/\d+/g, '#').toLowerCase();
  // A line must carry words to be a header: a bare page number is caught on its own.
  // Captions and source lines repeat under every table (`Source: own calculations`): they are not page furniture.
  if (captionLike.test(masked)) return null;
  // A section name repeats in spliced or multi-article sources (`References`): a heading, whatever its form.
  if (isStandardSection(lines[0]!)) return null;
  return /\p{L}{3}/u.test(masked) ? masked : null;
}

function isEmpty(block: RootContent): boolean {
  return block.type === 'paragraph' && plainLines(block).length === 0 && !block.children.some((child) => child.type === 'image');
}

export const furniture: CleanRule = {
  name: 'furniture',
  transform(tree: Root, context) {
    const counts = new Map<string, number>();
    // Keys that some copy shows as a heading (or a list the headings rule makes one): the headings rule turns a
    // heading that heads no section into a paragraph, so the paragraph/heading difference cannot decide alone.
    const asHeading = new Set<string>();
    for (const block of tree.children) {
      const key = runningKey(block);
      if (key === null) continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (block.type !== 'paragraph') asHeading.add(key);
    }
    /** Furniture wherever it stands: empty, every line furniture, or a running header. */
    const isFurnitureAnywhere = (block: RootContent, lines: string[]) => {
      const key = runningKey(block);
      const repeated = key !== null && (counts.get(key) ?? 0) >= 2 && !/[.!?]$/.test(lines[0]!);
      // A repeated line that is also a heading is a running header only when it carries page or volume figures.
      return isEmpty(block) || (lines.length > 0 && lines.every(isFurnitureLine)) || (repeated && (!asHeading.has(key) || /\d/.test(lines[0]!)));
    };
    const dropped = new Set(
      tree.children.filter((block) => {
        const lines = linesOf(block);
        return lines !== null && isFurnitureAnywhere(block, lines);
      }),
    );
    // The front is found without the furniture above: a repeated `Abstract` that went must not mark where it ends.
    for (const block of frontFurnitureOf(tree.children.filter((block) => !dropped.has(block)))) dropped.add(block);
    removeLogged(tree, dropped, context);
  },
};

/**
 * The front matter's furniture once more, once the headings rule has made the headings: a title block it could not
 * make a heading (its lines joined read as furniture) leaves a later heading the title, and the next cleaning would
 * drop what stands above that heading.
 */
export const frontFurniture: CleanRule = {
  name: 'furniture',
  transform(tree: Root, context) {
    removeLogged(tree, new Set(frontFurnitureOf(tree.children)), context);
  },
};

function linesOf(block: RootContent): string[] | null {
  return block.type === 'list' && runningKey(block) === null ? null : shownLines(block);
}

/**
 * Above the abstract (or the title), journal names and addresses are furniture too (a converter may have made one
 * the title).
 */
function frontFurnitureOf(blocks: RootContent[]): RootContent[] {
  const front = findFrontMatter({ type: 'root', children: blocks });
  const frontEnd = front.abstractMarker !== -1 ? front.abstractMarker : front.title !== -1 ? front.title : 0;
  return blocks.slice(0, frontEnd).filter((block) => {
    const lines = linesOf(block);
    if (lines === null || lines.length === 0) return false;
    const definite = lines.filter(isFurnitureLine).length;
    const isFront = (line: string) =>
      isFurnitureLine(line) || frontLine.test(line) || issueLabel.test(line) || (journalName.test(line) && (volumeFigures.test(line) || definite > 0));
    return lines.every(isFront);
  });
}

function removeLogged(tree: Root, dropped: ReadonlySet<RootContent>, context: RuleContext): void {
  if (dropped.size === 0) return;
  tree.children = tree.children.filter((block) => {
    if (!dropped.has(block)) return true;
    context.log({ line: lineOf(block), before: sourceOf(context.source.text, block), after: '' });
    return false;
  });
}
