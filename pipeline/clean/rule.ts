/**
 * What every cleaning rule is: a named transform over the (cloned) mdast of one source, in the spirit of a unified
 * transformer. A rule mutates the tree it is given and explains each edit through `context.log`.
 */
import type { Root } from 'mdast';
import type { Change, Source, TableRecord } from '../types.js';

export interface RuleContext {
  source: Source;
  tables: TableRecord[];
  /** Record one edit: `line` is the 1-based source line, or null when the edit has no single place. */
  log(change: Omit<Change, 'rule'>): void;
}

export interface CleanRule {
  name: string;
  transform(tree: Root, context: RuleContext): void;
}
