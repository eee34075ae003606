/**
 * Test helper: the words of a source that neither the cleaned text nor the change log accounts for. Nothing may be
 * lost silently: each word occurrence must be in the cleaned Markdown or in the `before` of some change.
 */
import type { Change } from '../../../pipeline/types.js';

function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Words (with how many occurrences are missing) that disappeared without a log entry. */
export function lostWords(source: string, cleaned: string, changes: Change[]): Record<string, number> {
  const available = wordCounts(cleaned);
  for (const [word, count] of wordCounts(changes.map((change) => change.before).join('\n'))) {
    available.set(word, (available.get(word) ?? 0) + count);
  }
  const lost: Record<string, number> = {};
  for (const [word, count] of wordCounts(source)) {
    const missing = count - (available.get(word) ?? 0);
    if (missing > 0) lost[word] = missing;
  }
  return lost;
}
