/**
 * References: which top-level blocks stand in a references section, so the document's own DOI and year are never
 * read from a work it cites. The section ends at the next heading of its level or above (a page of one article's
 * references followed by the next article's title), else at the end.
 */
import type { Root, RootContent } from 'mdast';
import { plainLines } from './inline-text.js';

/** A references heading or marker in the languages we meet. */
const referencesPattern =
  /^(?:references?|bibliography|literature cited|works cited|literatur(?:verzeichnis)?|références|bibliografía|referências|tài liệu tham khảo|参考文献|參考文獻|список литературы|المراجع)\s*:?$/iu;

/** The top-level blocks outside any references section, in order. */
export function blocksOutsideReferences(tree: Root): RootContent[] {
  const kept: RootContent[] = [];
  // Depth of the references heading while inside the references (7 for a plain-text marker: until the end).
  let inReferences = 0;
  for (const block of tree.children) {
    const depth = block.type === 'heading' ? block.depth : 0;
    if (inReferences > 0 && depth > 0 && depth <= inReferences) inReferences = 0;
    const first = block.type === 'html' ? undefined : plainLines(block)[0];
    if (first !== undefined && referencesPattern.test(first)) {
      inReferences = depth > 0 ? depth : 7;
      continue;
    }
    if (inReferences === 0) kept.push(block);
  }
  return kept;
}
