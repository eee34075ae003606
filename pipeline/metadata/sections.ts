/**
 * Sections: the article's headings among the top-level blocks of its body, whatever the converter made of them:
 * real headings at any level, plain paragraphs (`Bilateral`), one-item ordered lists (`1. Introduction` parses as a
 * list), bold-wrapped headings. Each gets a normalised depth: numbered sections by their number, back matter at 1,
 * unnumbered titles one below the numbered section they stand in.
 */
import type { List, Root, RootContent } from 'mdast';
import { findFrontMatter } from './front-matter.js';
import { plainLines, plainText } from './inline-text.js';

export interface Section {
  /** Index of the block in `tree.children`. */
  index: number;
  /** The heading as printed, number included: `1. Introduction`. */
  text: string;
  /** Section number without the trailing dot (`2.1`), or null. */
  number: string | null;
  /** The title without its number: `Introduction`. */
  title: string;
  /** Normalised depth: 1 top section, 2 subsection, 3 below. */
  depth: number;
  /** 1-based source line. */
  line: number;
  /** How the converter wrote it. */
  form: 'heading' | 'paragraph' | 'list';
}

const numberedPattern = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$/u;
/** Top-level back-matter and standard section names, in the languages we meet. */
const standardSectionPattern =
  /^(?:introduction|background|methods?|methodology|materials and methods|results?|discussion|discussion and results|results and discussion|conclusions?|concluding remarks|references|bibliography|literature|works cited|acknowledge?ments?|appendix(?:es)?|notes|funding|conflicts? of interest|tài liệu tham khảo|kết luận|mở đầu|einleitung|schlussfolgerungen?|literaturverzeichnis|références|conclusion générale|参考文献|结论|引言|список литературы|заключение|введение)$/iu;
/** Whether a line is a standard section name (`References`, `Kết luận`): a heading, never page furniture. */
export function isStandardSection(line: string): boolean {
  return standardSectionPattern.test(line.trim());
}
const captionPattern = /^(?:table|tab\.|fig\.?|figure|chart|map|graph|source|sources|note|notes|表|图)\s*[\d.:]/iu;
const minBodyParagraph = 150;
const maxFigureText = 400;

interface Candidate {
  index: number;
  text: string;
  form: Section['form'];
}

/** The single short line a block would be a heading with, or null. */
function candidateOf(block: RootContent, index: number): Candidate | null {
  if (block.type === 'heading') {
    const text = plainText(block).replace(/\s+/g, ' ');
    return text === '' || text.length > 200 ? null : { index, text, form: 'heading' };
  }
  if (block.type === 'paragraph') {
    const lines = plainLines(block);
    if (lines.length !== 1) return null;
    const text = lines[0]!;
    return isTitleLike(text) ? { index, text, form: 'paragraph' } : null;
  }
  if (block.type === 'list') return listCandidate(block, index);
  return null;
}

/** `1. Introduction` parses as an ordered list of one item; `3. Conclusion` as one starting at 3. */
function listCandidate(list: List, index: number): Candidate | null {
  if (!list.ordered || list.children.length !== 1) return null;
  const item = list.children[0]!;
  if (item.children.length !== 1 || item.children[0]!.type !== 'paragraph') return null;
  const lines = plainLines(item.children[0]!);
  if (lines.length !== 1 || !isTitleLike(lines[0]!)) return null;
  return { index, text: `${list.start ?? 1}. ${lines[0]!}`, form: 'list' };
}

/** Short, capitalised, no sentence punctuation at the end, not a caption or a link. */
export function isTitleLike(text: string): boolean {
  if (text.length > 120 || text.includes('\t')) return false;
  if (text.split(/\s+/).length > 15) return false;
  if (/[.,;:]$/.test(text)) return false;
  if (!/^[\p{Lu}\d]/u.test(text)) return false;
  if (captionPattern.test(text) || /https?:\/\/|@|www\./.test(text)) return false;
  return true;
}

function isBodyParagraph(block: RootContent | undefined): boolean {
  return block !== undefined && block.type === 'paragraph' && plainText(block).length >= minBodyParagraph;
}

function splitNumber(text: string): { number: string | null; title: string } {
  const match = numberedPattern.exec(text);
  if (match && /^[\p{Lu}]/u.test(match[2]!)) return { number: match[1]!, title: match[2]! };
  return { number: null, title: text };
}

/**
 * Text that a converter lifted out of a figure (an infographic's title made a heading): the blocks up to the next
 * candidate are a caption and little else.
 */
function isFigureText(blocks: RootContent[], start: number, end: number): boolean {
  let textLength = 0;
  let hasCaption = false;
  for (let index = start + 1; index < end; index++) {
    const text = plainText(blocks[index]!);
    if (captionPattern.test(text)) {
      hasCaption ||= /^(?:fig\.?|figure|chart|map|graph|图)/iu.test(text);
      continue;
    }
    textLength += text.length;
  }
  return hasCaption && textLength < maxFigureText;
}

/** The sections of a document's body, in order, with normalised depths. */
export function findSections(tree: Root): Section[] {
  const blocks = tree.children;
  const { bodyStart } = findFrontMatter(tree);
  const candidates: Candidate[] = [];
  for (let index = bodyStart; index < blocks.length; index++) {
    const candidate = candidateOf(blocks[index]!, index);
    if (candidate) candidates.push(candidate);
  }
  // A plain paragraph is a heading only when body text (or another heading) follows it; real headings and
  // numbered or standard names need no such support.
  const accepted = new Set<number>();
  for (let position = candidates.length - 1; position >= 0; position--) {
    const candidate = candidates[position]!;
    const { number, title } = splitNumber(candidate.text);
    const standard = standardSectionPattern.test(title);
    const next = blocks[candidate.index + 1];
    if (candidate.form === 'paragraph' && !standard) {
      const allCaps = title === title.toUpperCase() && /\p{L}{2}/u.test(title);
      const supported = isBodyParagraph(next) || accepted.has(candidate.index + 1);
      if (allCaps || !supported) continue;
    }
    if (candidate.form === 'list' && number === null) continue;
    if (!standard && number === null) {
      const nextCandidate = candidates[position + 1]?.index ?? blocks.length;
      if (isFigureText(blocks, candidate.index, nextCandidate)) continue;
    }
    accepted.add(candidate.index);
  }
  const sections: Section[] = [];
  let numberedDepth = 0;
  const anyNumbered = candidates.some((candidate) => accepted.has(candidate.index) && splitNumber(candidate.text).number);
  const headingLevels = [
    ...new Set(
      candidates
        .filter((candidate) => accepted.has(candidate.index) && candidate.form === 'heading')
        .map((candidate) => (blocks[candidate.index] as { depth: number }).depth),
    ),
  ].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (!accepted.has(candidate.index)) continue;
    const { number, title } = splitNumber(candidate.text);
    let depth: number;
    if (number !== null) {
      depth = number.split('.').length;
      numberedDepth = depth;
    } else if (/^(?:references|bibliography|literature|works cited|acknowledge?ments?|appendix(?:es)?|funding|tài liệu tham khảo|literaturverzeichnis|références|参考文献|список литературы)$/iu.test(title)) {
      depth = 1;
      numberedDepth = 0;
    } else if (anyNumbered) {
      depth = Math.min(3, numberedDepth + 1);
    } else if (candidate.form === 'heading' && headingLevels.length > 1) {
      // No numbering anywhere: trust the relative heading levels the converter used.
      depth = Math.min(3, headingLevels.indexOf((blocks[candidate.index] as { depth: number }).depth) + 1);
    } else depth = 1;
    const block = blocks[candidate.index]!;
    sections.push({
      index: candidate.index,
      text: candidate.text,
      number,
      title,
      depth,
      line: block.position?.start.line ?? 0,
      form: candidate.form,
    });
  }
  return sections;
}
