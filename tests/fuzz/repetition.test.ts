/**
 * Repetition-heavy inputs: a piece written 10,000 times where a pattern of the per-source stages could backtrack
 * (nested or overlapping quantifiers, a search anchored at the end, a bracket never closed). Each case goes through
 * the build's analysis and `mdbrief clean`'s and `mdbrief tables`' stages in a worker, bounded in time as the build
 * bounds them: linear stages take a fraction of the bound, a quadratic or exponential pattern takes far more.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisPool, type AnalysisTask } from '../../pipeline/analyse-pool.js';
import type { Source } from '../../pipeline/types.js';

const times = 10_000;
/**
 * Per case and stage: the slowest stage here takes about 2 s on a loaded 2-core machine; with the old patterns, four
 * of these cases took longer than this (the reported line without end), and the others guard the patterns fixed with
 * them.
 */
const bound = 8_000;

const cases: Record<string, string> = {
  // The e-mail list pattern backtracked exponentially: 34 addresses and a `!` took 300 s (longer runs are split
  // into paragraphs of addresses alone first, which it matched at once).
  'the reported line: 34 addresses and a final mark': `${'a@b.c '.repeat(34)}!`,
  'addresses and a final mark': `${'a@b.c '.repeat(times)}!`,
  'an e-mail label and spaces': `E-mail:${' '.repeat(times)}x`,
  'spaces inside lines': `a${' '.repeat(times)}b\n`.repeat(20),
  'a word hyphenated across lines': `${'a'.repeat(times)}-\nb\n`.repeat(20),
  'paragraphs cut mid-sentence': 'ab\n\n'.repeat(times),
  'unclosed superscripts': '^{'.repeat(times),
  'spaces before a caret mark': `x${' '.repeat(times)}^{a\n`.repeat(20),
  'a heading with spaces': `## a${' '.repeat(times)}b\n\ntext\n`.repeat(20),
  'DOIs without spaces': '10.1234/'.repeat(times),
  'a DOI with trailing stops': `DOI: 10.1234/x${'.'.repeat(times)}!`,
  'keywords with trailing stops': `Keywords: a${'.'.repeat(times)}b`,
  'a run of stops': `${'.'.repeat(times)} A\n`.repeat(20),
  'capitals before a year': `${'A'.repeat(times)} (2019x\n`.repeat(20),
  'digits before a bracket': `${'1'.repeat(times)} (x\n`.repeat(20),
  'a table cell of digits and months': `| a | b |\n| --- | --- |\n| ${'1'.repeat(times)} monthx | 1 |\n| 2019 | 2 |\n`,
};

const source = (text: string): Source => ({ path: 'sources/rep.md', name: 'rep.md', slug: 'rep', hash: 'rep', text: `# Repetition\n\nIntro.\n\n${text}\n` });

const pool = new AnalysisPool({ size: 1, timeout: bound, memory: 2048 });
afterAll(() => pool.close());

describe('repetition-heavy inputs', () => {
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: every stage within ${bound / 1000} s`, async () => {
      for (const task of ['analyse', 'clean', 'tables'] satisfies AnalysisTask[]) {
        await expect(pool.run(task, source(text)).then(() => task), task).resolves.toBe(task);
      }
    }, 4 * bound);
  }
});
