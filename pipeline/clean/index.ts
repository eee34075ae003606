/**
 * clean: a source's mdast → the appendix a reader can trust. The rules below run in order over a copy of the tree,
 * each a small transform that logs every edit (rule, source line, before, after); the result is Markdown from
 * remark-stringify and the tree parsed back from it, so the two always agree.
 */
import type { Root } from 'mdast';
import { parseMarkdown } from '../parse.js';
import type { Change, Source, TableRecord } from '../types.js';
import { correspondence } from './correspondence.js';
import { footnotes } from './footnotes.js';
import { frontFurniture, furniture } from './furniture.js';
import { headings } from './headings.js';
import { inlineHtml } from './inline-html.js';
import { links } from './links.js';
import { markers } from './markers.js';
import { pageBreaks } from './page-breaks.js';
import { references } from './references.js';
import type { CleanRule } from './rule.js';
import { tableAnchors } from './table-anchors.js';
import { tables } from './tables.js';
import { stringifyMarkdown } from './text.js';

export type { CleanRule, RuleContext } from './rule.js';

export interface CleanResult {
  tree: Root;
  markdown: string;
  changes: Change[];
}

/**
 * The rules in the order they run. Tables first, while every block still has its source lines; furniture and
 * correspondence before marks, footnotes and page breaks, so that what a page break put in between is gone; marks
 * and inline HTML before footnotes, so a footnote text is read as it reads once its tags are gone (a stray `<sup>`
 * before `* Agreement …` hid the sign from one cleaning, not from the next); the front matter's furniture once more
 * after headings, which may make a later block the title, and before page breaks, which would join across what it
 * drops; headings and references before page breaks, so neither a pseudo-heading nor a reference entry is joined to
 * the text below it; headings once more after page breaks, whose joins change the outline (a line that stood before
 * another short line now stands before body text: a pseudo-heading the next cleaning would find). Table anchors
 * last, once every rule has moved or removed what stood between two tables.
 */
export const rules: CleanRule[] = [tables, furniture, correspondence, markers, inlineHtml, footnotes, headings, frontFurniture, references, pageBreaks, headings, links, tableAnchors];

export function cleanSource(source: Source, tree: Root, tableRecords: TableRecord[] = []): CleanResult {
  const working = structuredClone(tree);
  const changes: Change[] = [];
  for (const rule of rules) {
    const context = {
      source,
      tables: tableRecords,
      log: (change: Omit<Change, 'rule'>) => changes.push({ rule: rule.name, ...change }),
    };
    rule.transform(working, context);
  }
  const markdown = stringifyMarkdown(working);
  return { tree: parseMarkdown(markdown), markdown, changes };
}

/** How many changes each rule made, in rule order: the "what was cleaned" line of a source. */
export function summarizeChanges(changes: Change[]): Array<{ rule: string; count: number }> {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.rule, (counts.get(change.rule) ?? 0) + 1);
  const order = rules.map((rule) => rule.name);
  return [...counts]
    .sort(([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)))
    .map(([rule, count]) => ({ rule, count }));
}
