/**
 * Front matter: where an article's title, abstract and keywords stand among the top-level blocks, and where its body
 * starts. Converters differ (headings, bold paragraphs, plain lines), so blocks are recognised by their text.
 */
import type { Root, RootContent } from 'mdast';
import { plainLines, plainText } from './inline-text.js';

export interface FrontMatter {
  /** Index in `tree.children` of the title block, or -1. */
  title: number;
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

/** Labels some journals print above the title: section of the issue, article type. */
const issueLabelPattern =
  /^(?:articles?|research articles?|original (?:research )?articles?|review articles?|reviews?|short communications?|editorial|case stud(?:y|ies)|commentary)$/iu;

/**
 * A numbered section's heading (`2. Conclusion`, `2.1 Methods`): never the title. Written as a line, `2. Conclusion`
 * is an ordered list, which is no title either; the cleaning makes it a heading, which must stay no title.
 */
const numberedSectionPattern = /^\d{1,2}(?:\.\d{1,2}){0,3}\.\s+\p{Lu}|^\d{1,2}(?:\.\d{1,2}){1,3}\s+\p{Lu}/u;

/** A table's or figure's caption (`Table 6. Arrests`, `Hình 2`): a source that starts with one has no title there. */
const captionLinePattern = /^(?:table|tab\.|tabelle|tableau|bảng|fig\.?|figure|hình|chart|map|graph|表|图)\s*\d/iu;

export function blockText(node: RootContent): string {
  return plainText(node);
}

function isFurniture(node: RootContent): boolean {
  if (node.type === 'thematicBreak' || node.type === 'html' || node.type === 'image') return true;
  const lines = plainLines(node);
  if (lines.length === 0) return true;
  return lines.every((line) => furnitureLinePattern.test(line) || looksLikeJournalName(line));
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
 * Finds the title, abstract and keywords among the first blocks. The title is the first heading that is not an issue
 * label; without headings, the first block that is neither furniture nor the abstract.
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
  let title = -1;
  for (let index = 0; index < titleSearchEnd; index++) {
    const block = blocks[index]!;
    if (block.type !== 'heading') continue;
    const text = blockText(block);
    if (text === '' || issueLabelPattern.test(text) || numberedSectionPattern.test(text)) continue;
    title = index;
    break;
  }
  if (title === -1) {
    for (let index = 0; index < titleSearchEnd; index++) {
      const block = blocks[index]!;
      if (block.type !== 'paragraph' && block.type !== 'heading') continue;
      const text = blockText(block);
      if (isFurniture(block) || issueLabelPattern.test(text) || numberedSectionPattern.test(text) || captionLinePattern.test(text)) continue;
      title = index;
      break;
    }
  }
  let bodyStart: number;
  if (keywords !== -1) bodyStart = keywords + 1;
  else if (abstractMarker !== -1) {
    // The abstract is the marker's paragraph (inline) or the paragraph after it.
    const inline = abstractInlinePattern.test(blockText(blocks[abstractMarker]!));
    bodyStart = abstractMarker + (inline ? 1 : 2);
  } else bodyStart = title + 1;
  return { title, abstractMarker, keywords, bodyStart: Math.min(bodyStart, blocks.length) };
}
