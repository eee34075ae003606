/**
 * metadata: mdast → Metadata. Reads title, authors, affiliations, citation, abstract, keywords and the section outline
 * from the tree, whatever the converter did with headings (see front-matter.ts and sections.ts for how blocks are found).
 */
import type { Root, RootContent } from 'mdast';
import type { Affiliation, Author, Metadata } from '../types.js';
import {
  abstractInlinePattern,
  abstractMarkerPattern,
  blockText,
  findFrontMatter,
  furnitureLinePattern,
  keywordsPattern,
  looksLikeJournalName,
} from './front-matter.js';
import { inlinePieces, plainLines, plainText } from './inline-text.js';
import { findAuthors } from './authors.js';
import { findDoi } from './doi.js';
import { findSections } from './sections.js';
import { findYear } from './year.js';
import { withoutTrailing } from '../text-end.js';

export { findFrontMatter } from './front-matter.js';
export { findSections, type Section } from './sections.js';
export { detectLanguage, thousandsSeparator } from './language.js';

// An address starts where a run of its characters does, and a remark holds no bracket: each character is scanned a
// bounded number of times (starting inside a run, or a remark running to the end, was quadratic).
const emailPattern = /(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*\(([^()]+)\)/g;
/** A mark is letters, digits, `*`, `†`, `‡`, `§`, separated by commas. */
const markerText = /^[\p{L}\d*†‡§#, ]{1,12}$/u;

export function extractMetadata(tree: Root): Metadata {
  const blocks = tree.children;
  const front = findFrontMatter(tree);
  const frontBlocks = blocks.slice(0, front.title === -1 ? front.bodyStart : Math.max(front.bodyStart, front.title + 1));
  const frontLines = frontBlocks.flatMap((block) => plainLines(block));
  const citation = readCitation(frontLines);
  // The front lines can hold the previous article's references (a page excerpt): the DOI is looked for outside them.
  citation.doi = findDoi(tree);
  citation.year ??= findYear(tree);
  const people = readPeople(blocks, front.title, front.abstractMarker !== -1 ? front.abstractMarker : front.keywords);
  const names = findAuthors(front.lines, front.titleEnd);
  // The marks and affiliations read from a byline block stand when its names are the names found line by line.
  if (!sameNames(people.authors, names)) {
    people.authors = names.map((name) => ({ name, affiliations: [], corresponding: false }));
    if (names.length === 0) people.affiliations = [];
  }
  attachEmails(people.authors, tree);
  return {
    title: front.titleText,
    authors: people.authors,
    affiliations: people.affiliations,
    ...citation,
    abstract: readAbstract(blocks, front.abstractMarker, front.keywords),
    keywords: readKeywords(front.keywords === -1 ? undefined : blocks[front.keywords]),
    outline: findSections(tree).map(({ depth, text, line }) => ({ depth, title: text, line })),
  };
}

/** Whether the byline block's authors are, in order, the names found line by line. */
function sameNames(authors: Author[], names: string[]): boolean {
  return authors.length === names.length && authors.every((author, index) => author.name === names[index]);
}

type Citation = Pick<Metadata, 'journal' | 'year' | 'volume' | 'issue' | 'pages' | 'doi'>;

/** Journal, year and volume/issue/pages from the lines above the abstract (the DOI is findDoi's: see doi.ts). */
export function readCitation(lines: string[]): Citation {
  const citation: Citation = { journal: null, year: null, volume: null, issue: null, pages: null, doi: null };
  for (const line of lines) {
    // `2019, 5(1): 3-13` (year, volume(issue): pages)
    const compact = /^(\d{4}),\s*(\d+)\s*\((\d+)\)\s*:\s*(\d+\s*[-–]\s*\d+)/.exec(line);
    if (compact) {
      citation.year = Number(compact[1]);
      citation.volume = compact[2]!;
      citation.issue = compact[3]!;
      citation.pages = compact[4]!.replace(/\s/g, '');
      continue;
    }
    // `Vol. 5, No. 1, pp. 3–13` and similar spellings.
    const volume = /\bvol(?:ume)?\.?\s*(\d+)/i.exec(line);
    const issue = /\b(?:no|issue|iss)\.?\s*(\d+)/i.exec(line);
    const pages = /\bpp?\.?\s*(\d+\s*[-–]\s*\d+)/i.exec(line);
    if (volume && citation.volume === null) citation.volume = volume[1]!;
    if (volume && issue && citation.issue === null) citation.issue = issue[1]!;
    if (volume && pages && citation.pages === null) citation.pages = pages[1]!.replace(/\s/g, '');
    if (citation.journal === null && looksLikeJournalName(line) && !furnitureLinePattern.test(line)) {
      citation.journal = line;
    }
  }
  if (citation.year === null) {
    // Fall back to the copyright year, then to any year on a citation line.
    const copyright = lines.map((line) => /(?:©|copyright)\D{0,20}((?:19|20)\d{2})/i.exec(line)).find(Boolean);
    if (copyright) citation.year = Number(copyright[1]);
  }
  return citation;
}

/** The author line is the block after the title; the blocks after it up to the abstract are affiliations. */
function readPeople(
  blocks: RootContent[],
  title: number,
  end: number,
): { authors: Author[]; affiliations: Affiliation[] } {
  if (title === -1) return { authors: [], affiliations: [] };
  const stop = end === -1 ? Math.min(blocks.length, title + 4) : end;
  const authorBlock = blocks[title + 1];
  if (!authorBlock || title + 1 >= stop || authorBlock.type !== 'paragraph' || !looksLikeByline(authorBlock)) {
    return { authors: [], affiliations: [] };
  }
  const authors = parseAuthorLine(authorBlock);
  const affiliations: Affiliation[] = [];
  for (let index = title + 2; index < stop; index++) {
    const block = blocks[index]!;
    // Affiliations are a few short lines; a long block here is body text or data, not an address.
    if (block.type !== 'paragraph' || plainText(block).length > 600 || plainLines(block).length > 8) break;
    affiliations.push(...parseAffiliations(block));
  }
  return { authors, affiliations };
}

/** A byline is one or two short lines of names: no sentence, no caption, no figures but marks. */
function looksLikeByline(block: RootContent): boolean {
  const text = plainText(block);
  const lines = plainLines(block);
  return (
    text.length <= 400 &&
    lines.length <= 3 &&
    !/[.!?:]$/.test(text) &&
    !/^(?:table|fig\.?|figure|source|note)\b/iu.test(text) &&
    !/\t|\b\d{3,}\b/.test(text)
  );
}

/** `Do Thi Thanh Binh <sup>a, *</sup>, Bui Nam Khanh <sup>a</sup>` → two authors with their marks. */
export function parseAuthorLine(block: RootContent): Author[] {
  const authors: Author[] = [];
  let name = '';
  let marks: string[] = [];
  const flush = () => {
    // Marks written as plain trailing characters: `Jane Doe1,2*`.
    const trailing = /^(.*?\p{L})\s*([\d*†‡§]+(?:,[\d*†‡§]+)*)$/u.exec(name.trim());
    let clean = name;
    if (trailing) {
      clean = trailing[1]!;
      marks.push(...trailing[2]!.split(','));
    }
    clean = clean.replace(/\s+/g, ' ').trim();
    if (/\p{L}/u.test(clean)) {
      authors.push({
        name: clean,
        affiliations: marks.map((mark) => mark.trim()).filter((mark) => mark !== '' && !/^[*†‡§#]$/.test(mark)),
        corresponding: marks.some((mark) => mark.includes('*')),
      });
    }
    name = '';
    marks = [];
  };
  for (const piece of inlinePieces(block)) {
    if (piece.superscript) {
      marks.push(...piece.text.replace(/\\/g, '').split(','));
      continue;
    }
    // Names are separated by commas, semicolons, `and`, `&` and line breaks.
    const parts = piece.text.split(/\s*(?:[,;\n]|\band\b|&)\s*/u);
    parts.forEach((part, position) => {
      if (position > 0) flush();
      name += part;
    });
  }
  flush();
  return authors;
}

/** `^a Diplomatic Academy of Vietnam` or `<sup>a</sup> Diplomatic …`, one per line. */
export function parseAffiliations(block: RootContent): Affiliation[] {
  const affiliations: Affiliation[] = [];
  let marker: string | null = null;
  let name = '';
  const flush = () => {
    let text = name.replace(/\s+/g, ' ').trim();
    // A bare caret mark at the line's start: `^a Diplomatic Academy …`.
    const caret = /^\^([\p{L}\d*]{1,3})\s+(.*)$/u.exec(text);
    if (caret && marker === null) {
      marker = caret[1]!;
      text = caret[2]!;
    }
    if (text !== '' && !furnitureLinePattern.test(text)) affiliations.push({ marker, name: text });
    marker = null;
    name = '';
  };
  for (const piece of inlinePieces(block)) {
    if (piece.superscript && markerText.test(piece.text) && name.trim() === '') {
      marker = piece.text.trim();
      continue;
    }
    const lines = piece.text.split('\n');
    lines.forEach((line, position) => {
      if (position > 0) flush();
      name += line;
    });
  }
  flush();
  return affiliations;
}

/** `vickism.vn@gmail.com (B. Nam Khanh)`: the e-mail goes to the author whose name ends with the same words. */
function attachEmails(authors: Author[], tree: Root): void {
  for (const block of tree.children) {
    const text = blockText(block);
    if (!/e-?mail/i.test(text)) continue;
    for (const match of text.matchAll(emailPattern)) {
      const words = match[2]!.split(/\s+/).filter((word) => !/^(?:\p{Lu}\.)+-?$/u.test(word) && word !== '');
      if (words.length === 0) continue;
      const tail = words.join(' ').toLowerCase();
      const author = authors.find((candidate) => candidate.name.toLowerCase().endsWith(tail));
      if (author && author.email === undefined) author.email = match[1]!;
    }
  }
}

function readAbstract(blocks: RootContent[], marker: number, keywords: number): string | null {
  if (marker === -1) return null;
  const markerText = blockText(blocks[marker]!);
  const inline = abstractInlinePattern.exec(markerText);
  if (inline && !abstractMarkerPattern.test(markerText)) return inline[1]!.replace(/\s+/g, ' ').trim();
  const end = keywords === -1 ? marker + 2 : keywords;
  const parts = blocks
    .slice(marker + 1, end)
    .filter((block) => block.type === 'paragraph')
    .map((block) => blockText(block).replace(/\s+/g, ' ').trim());
  return parts.length > 0 ? parts.join('\n\n') : null;
}

function readKeywords(block: RootContent | undefined): string[] {
  if (!block) return [];
  const match = keywordsPattern.exec(blockText(block));
  if (!match) return [];
  return match[1]!
    .replace(/\s+/g, ' ')
    .split(/\s*[;,]\s*/)
    .map((keyword) => withoutTrailing(keyword.trim(), /[.;]/))
    .filter((keyword) => keyword !== '');
}
