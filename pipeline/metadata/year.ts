/**
 * Year: when the document came out, where it says so. In order of trust: the journal line of its own citation, the
 * copyright line, the date it was published or accepted, the place-and-date line it was signed with, a revision date,
 * a Japanese era year (`令和6年版`), the first date on its cover. References never count.
 */
import type { Root } from 'mdast';
import { plainLines } from './inline-text.js';
import { blocksOutsideReferences } from './references.js';

const months =
  'jan(?:uary|\\.)?|feb(?:ruary|\\.)?|febr\\.?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|jun(?:e|\\.)?|jul(?:y|\\.)?|aug(?:ust|\\.)?|sep(?:t(?:ember)?|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre';
const year = '((?:19|20)\\d{2})';
/** Full dates: `March 20, 2014`, `29. Februar 2024`, `12/15/2024`, `2024-11-15`, `2023年4月28日`, `tháng 04 năm 2025`. */
const datePatterns = [
  new RegExp(`\\b(?:${months})\\s+\\d{1,2},?\\s+${year}\\b`, 'giu'),
  new RegExp(`\\b\\d{1,2}\\.?\\s+(?:${months})\\s+${year}\\b`, 'giu'),
  new RegExp(`\\b(?:${months})\\s+${year}\\b`, 'giu'),
  new RegExp(`\\b\\d{1,2}[./]\\d{1,2}[./]${year}\\b`, 'gu'),
  new RegExp(`\\b${year}-\\d{2}-\\d{2}\\b`, 'gu'),
  new RegExp(`${year}\\s*年\\s*\\d{1,2}\\s*月`, 'gu'),
  new RegExp(`tháng\\s+\\d{1,2}\\s+năm\\s+${year}`, 'giu'),
];
/** A journal line: `Tobacco Control 2004;13:447–453`, `Data in Brief 22 (2019) 484–487`, `(2014) Title. PLoS …`. */
const journalPatterns = [/\b((?:19|20)\d{2});\s*\d+(?:\(\d+\))?:\s*\w?\d+/u, /\b\d+\s+\(((?:19|20)\d{2})\)\s+\d+\s*[–-]\s*\d+/u, /^citation:.*?\(((?:19|20)\d{2})\)/iu];
/** `© 2019 …`, `Copyright © 2025 …`, `(c) 2004`: a list item `(c) Third group …` is no copyright. */
const copyrightPattern = /(?:©|copyright)\D{0,20}((?:19|20)\d{2})|\(c\)\s*((?:19|20)\d{2})/iu;
/** `Published March 20, 2014`, `Accepted for publication March 10, 2011`, `Available online 27 October 2016`. */
const publishedPattern = new RegExp(
  `(?:^|[.;]\\s+)(?:published(?: online)?|accepted(?: for publication)?|available online|veröffentlicht)[:\\s]+(?:on\\s+)?(?:\\d{1,2}\\.?\\s+)?(?:${months})\\s+(?:\\d{1,2},?\\s+)?${year}\\b`,
  'iu',
);
/** A place-and-date line: `Stuttgart, den 29. Februar 2024`, `TP. Hồ Chí Minh, ngày 24 tháng 01 năm 2025`. */
const signedPattern = new RegExp(`^[\\p{Lu}][\\p{L}. -]{1,40},\\s*(?:den|le|el|ngày|am)?\\s*\\d{1,2}\\.?\\s*(?:${months}|tháng\\s+\\d{1,2})\\s*(?:năm\\s+)?${year}`, 'iu');
const revisedPattern = new RegExp(`\\brevised\\s+(?:${months})?\\s*${year}\\b`, 'iu');
const eraPattern = /令和\s*(\d{1,2})\s*年/u;
/** The cover: the first lines of the file. */
const coverLines = 120;

/** The document's lines before its references. */
function bodyLines(tree: Root): string[] {
  return blocksOutsideReferences(tree).flatMap((block) => (block.type === 'html' ? [block.value.replace(/<[^>]*>/g, ' ')] : plainLines(block)));
}

function firstMatch(lines: string[], pattern: RegExp): number | null {
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match) return Number(match[1] ?? match[2]);
  }
  return null;
}

/** The year of the first full date among the lines (the cover's date, before the dates the text talks about). */
function firstDate(lines: string[]): number | null {
  for (const line of lines) {
    let first: { at: number; year: number } | null = null;
    for (const pattern of datePatterns) {
      for (const match of line.matchAll(pattern)) if (!first || match.index < first.at) first = { at: match.index, year: Number(match[1]) };
    }
    if (first) return first.year;
  }
  return null;
}

/** The year the document came out, or null when it does not say. */
export function findYear(tree: Root): number | null {
  const lines = bodyLines(tree);
  const cover = lines.slice(0, coverLines);
  for (const pattern of journalPatterns) {
    const found = firstMatch(cover, pattern);
    if (found) return found;
  }
  const era = firstMatch(lines, eraPattern);
  // A copyright line is the document's own wherever it stands, even after the notes at its end.
  const all = tree.children.flatMap((block) => (block.type === 'html' ? [] : plainLines(block)));
  return (
    firstMatch(all, copyrightPattern) ??
    firstMatch(lines, publishedPattern) ??
    firstMatch(lines, signedPattern) ??
    firstMatch(lines, revisedPattern) ??
    // 令和 N = 2018 + N: the edition year a Japanese white paper prints in its footer.
    (era === null ? null : 2018 + era) ??
    firstDate(cover)
  );
}
