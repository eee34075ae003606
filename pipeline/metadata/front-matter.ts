/**
 * Front matter: where an article's title, abstract and keywords stand among the top-level blocks, and where its body
 * starts. Converters differ (headings, bold paragraphs, plain lines), so blocks are recognised by their text.
 */
import type { Root, RootContent } from 'mdast';
import { frontLines, type FrontLine } from './front-lines.js';
import { plainText } from './inline-text.js';
import { chooseTitle } from './title.js';

export interface FrontMatter {
  /** Index in `tree.children` of the title block, or -1. */
  title: number;
  /** The title as a reader would write it (a line the converter broke is joined), or null for a page excerpt. */
  titleText: string | null;
  /** Whether the title is the whole of its block (else a line of a block that says more: no heading to make of it). */
  titleWhole: boolean;
  /** The front line after the title's last line (where the byline is looked for), or -1. */
  titleEnd: number;
  /** The front lines the title was chosen from. */
  lines: FrontLine[];
  /** Index of the abstract marker block (`Abstract`, `#### Abstract`, `Abstract: …`), or -1. */
  abstractMarker: number;
  /** Index of the keywords block, or -1. */
  keywords: number;
  /** Index of the first block of the body: sections are looked for from here. */
  bodyStart: number;
}

const abstractWords = '(?:abstract|summary|résumé|resumen|zusammenfassung|tóm tắt|аннотация|摘要)';
/** A block that is only the word Abstract (any markup removed). */
export const abstractMarkerPattern = new RegExp(`^${abstractWords}\\s*[:.—–-]?$`, 'iu');
/** A block that starts with Abstract and carries the text inline: `Abstract: This paper …`. */
export const abstractInlinePattern = new RegExp(`^${abstractWords}\\s*[:.—–-]\\s*(\\S[\\s\\S]*)$`, 'iu');
/** `Keywords: a, b, c` in its usual spellings. */
export const keywordsPattern =
  /^(?:key\s*-?words|index terms|mots[- ]clés|palabras clave|schlüsselwörter|schlagwörter|từ khóa|ключевые слова|关键词)\s*[:.—–-]\s*([\s\S]+)$/iu;

/** Lines of journal furniture that never are a title: copyright, ISSN, DOI, web addresses, publisher lines. */
export const furnitureLinePattern =
  /^(?:copyright\b|©|\(c\)\s|published (?:in|by)\b|has been issued since\b|e-?issn\b|p?issn\b|doi\s*:|https?:\/\/|www\.|received\b|accepted\b|available online\b)|^\d{4},\s*\d+\s*\(\d+\)\s*:\s*\d+/iu;

export function blockText(node: RootContent): string {
  return plainText(node);
}

/** A line naming a journal, e.g. `Russian Journal of Political Studies`. */
export function looksLikeJournalName(line: string): boolean {
  return (
    line.length <= 120 &&
    !/[.:;]$/.test(line) &&
    /\b(?:journal|review|revue|zeitschrift|proceedings|annals|bulletin|transactions|quarterly|letters|tạp chí)\b/iu.test(
      line,
    )
  );
}

/**
 * Finds the title, abstract and keywords among the first blocks. The title is chosen line by line (title.ts): the line
 * a byline follows, else the first title-like line of the cover; none on a page excerpt.
 */
export function findFrontMatter(tree: Root): FrontMatter {
  const blocks = tree.children;
  // The front matter ends at the first numbered section or after the keywords; look no further than 60 blocks.
  const limit = Math.min(blocks.length, 60);
  let abstractMarker = -1;
  let keywords = -1;
  for (let index = 0; index < limit; index++) {
    const block = blocks[index]!;
    const text = blockText(block);
    if (abstractMarker === -1 && (abstractMarkerPattern.test(text) || abstractInlinePattern.test(text))) {
      abstractMarker = index;
    }
    if (keywordsPattern.test(text)) {
      keywords = index;
      break;
    }
  }
  const titleSearchEnd = abstractMarker !== -1 ? abstractMarker : keywords !== -1 ? keywords : limit;
  const lines = frontLines({ ...tree, children: blocks.slice(0, titleSearchEnd) });
  const choice = chooseTitle(lines);
  const title = choice ? lines[choice.first]!.block : -1;
  // The title is its whole block (a heading, a title paragraph) or lines inside a block that says more.
  const titleBlockLines = choice ? lines.filter((line) => line.block === title).length : 0;
  const titleWhole = choice !== null && choice.first === lines.findIndex((line) => line.block === title) && choice.next - choice.first === titleBlockLines;
  let bodyStart: number;
  if (keywords !== -1) bodyStart = keywords + 1;
  else if (abstractMarker !== -1) {
    // The abstract is the marker's paragraph (inline) or the paragraph after it.
    const inline = abstractInlinePattern.test(blockText(blocks[abstractMarker]!));
    bodyStart = abstractMarker + (inline ? 1 : 2);
  } else bodyStart = title + 1;
  return { title, titleText: choice?.text ?? null, titleWhole, titleEnd: choice?.next ?? -1, lines, abstractMarker, keywords, bodyStart: Math.min(bodyStart, blocks.length) };
}
