/**
 * DOI: the document's own DOI in any form a converter leaves (`https://doi.org/…`, `http://dx.doi.org/…`, `doi.org/…`,
 * `doi: …`, `DOI …`, a bare `10.xxxx/…` on the journal line), in the front matter, a footer or the journal line; never
 * one from the references (a references section, or a line that reads as a reference entry).
 */
import type { Root } from 'mdast';
import { plainLines } from './inline-text.js';
import { blocksOutsideReferences } from './references.js';

/** A DOI after its label or resolver, or bare. */
const doiPattern = /(?:(?:https?:\/\/)?(?:dx\.)?doi\.org\/|\bdoi\s*[:：]?\s*)?\b(10\.\d{4,9}\/[^\s"<>]+)/iu;
/** A reference entry: `12. Smith J, …`, `[3] …`, `Smith J, Roe K (2004) …`. */
const referenceEntryPattern = /^(?:\[\d+\]|\d{1,3}\.?\s+\p{Lu}[\p{L}'-]+,?\s+(?:\p{Lu}\.?\s*){1,3}[,.]|\p{Lu}[\p{L}'-]+,?\s+(?:\p{Lu}\.?){1,3},\s)/u;

/** A DOI said to be another document's: `DOI of original article: …`, `Related article: …`. */
const otherDocumentPattern = /\b(?:of (?:the )?original article|related articles?|see also|associated (?:article|data(?:set)?)|companion)\b/iu;

/** The DOI written on a line, its trailing punctuation removed, or null. */
export function doiOf(line: string): string | null {
  const match = doiPattern.exec(line);
  if (!match) return null;
  // `10.1016/j.x.2018.12.055.` and `(10.1/abc)`: the closing marks are the sentence's, not the DOI's.
  let doi = match[1]!.replace(/[.,;:]+$/, '');
  if (/\)$/.test(doi) && !doi.includes('(')) doi = doi.slice(0, -1);
  return doi;
}

/** The document's own DOI: the first one outside its references, or null. */
export function findDoi(tree: Root): string | null {
  for (const block of blocksOutsideReferences(tree)) {
    // A numbered list is a list of references more often than not; a bullet (`* Corresponding author`) is a footnote.
    if ((block.type === 'list' && block.ordered) || block.type === 'code') continue;
    const lines = block.type === 'html' ? [block.value] : plainLines(block);
    for (const line of lines) {
      if (referenceEntryPattern.test(line) || otherDocumentPattern.test(line)) continue;
      const doi = doiOf(line);
      if (doi) return doi;
    }
  }
  return null;
}
