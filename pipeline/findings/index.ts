/**
 * findings: plain sentences about a source's tables, computed from the table records (contract `mdbrief.tables/1`),
 * for the brief. Pure: records in, sentences out.
 *
 * - `tableFindings`: what one table shows (peaks and lows, change over its full periods, nesting shares, its checks);
 * - `sourceFindings`: the key findings of a source: the abstract's concluding sentence and the top sentences per table;
 * - `checkClaims` (claims.ts): figures the prose states about a table, compared with the records.
 */
import type { TableRecord } from '../types.js';
import { splitSentences } from './sentences.js';
import { tableFindingList, type Finding } from './table.js';

export { checkClaims, readClaims, type Claim } from './claims.js';
export { splitSentences } from './sentences.js';
export { tableFindingList, type Finding } from './table.js';

/** Sentences about one table, in a fixed order: per series (peak, change), nesting shares, partial periods, checks. */
export function tableFindings(table: TableRecord): string[] {
  return tableFindingList(table).map((finding) => finding.text);
}

/** At most this many key findings for a source. */
export const maxSourceFindings = 6;
/** At most this many sentences per table among the key findings. */
export const perTable = 2;

/** How much a finding says about the table at a glance: lower first. */
function rank(finding: Finding): number {
  switch (finding.kind) {
    case 'change':
      return finding.order === 0 ? 0 : 2 + finding.order;
    case 'share':
      return 1 + finding.order * 10;
    case 'peak':
      return 10 + finding.order;
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/**
 * Key findings of a source: the abstract's concluding sentence (the one that says `conclude`, else its last), then
 * for each table in order its top one or two sentences, prefixed with the table's label; at most six in all.
 */
export function sourceFindings(tables: TableRecord[], abstractText: string | null): string[] {
  const findings: string[] = [];
  const conclusion = concludingSentence(abstractText);
  if (conclusion) findings.push(conclusion);
  for (const table of tables) {
    const name = table.label ?? table.title ?? table.id;
    const top = tableFindingList(table)
      .filter((finding) => Number.isFinite(rank(finding)))
      .map((finding, index) => ({ finding, index }))
      .sort((a, b) => rank(a.finding) - rank(b.finding) || a.index - b.index)
      .slice(0, perTable);
    for (const { finding } of top) {
      if (findings.length >= maxSourceFindings) return findings;
      findings.push(`${name}: ${finding.text}`);
    }
  }
  return findings;
}

/** The sentence of an abstract that states its conclusion: the one with `conclude`/`conclusion`, else the last. */
export function concludingSentence(abstractText: string | null): string | null {
  if (!abstractText) return null;
  const sentences = splitSentences(abstractText.replace(/\s+/g, ' ').trim()).map((sentence) => sentence.text);
  return sentences.find((sentence) => /\bconclu(?:de|des|ded|sion|sions)\b/i.test(sentence)) ?? sentences[sentences.length - 1] ?? null;
}
