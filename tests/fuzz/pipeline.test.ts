/**
 * Fuzzing: random and mutated Markdown, made from the lines of the seeds and fixtures, through every per-source stage
 * (bound, parse, tables, metadata, cleaning, findings, claims, HTML). Nothing throws, nothing hangs, and the
 * invariants hold: one cell per column in every row, and cleaning is idempotent: the cleaned text cleans to itself.
 * `FUZZ_RUNS` sets the number of cases and `FUZZ_SEED` the seed (the campaign: `FUZZ_RUNS=3000 npx vitest run tests/fuzz`);
 * each cause a failing case revealed has its own minimal case in tests/clean/idempotence.test.ts. Pieces written
 * 10,000 times go through the analysis in a worker with a time bound (`FUZZ_REPEATED_RUNS` cases; the fixed ones are
 * in repetition.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisPool } from '../../pipeline/analyse-pool.js';
import { analyseSource, cleanFile } from '../../pipeline/analyse.js';
import type { Source } from '../../pipeline/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const corpusFiles = [
  ...['anti-drug-cooperation.md', 'human-trafficking-cooperation.md'].map((file) => path.join(root, 'sources', file)),
  ...readdirSync(path.join(root, 'tests/fixtures'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.join(root, 'tests/fixtures', file)),
];
const corpusLines = corpusFiles.flatMap((file) => readFileSync(file, 'utf8').split('\n'));
const runs = Number(process.env['FUZZ_RUNS'] ?? 60);

const sourceOf = (text: string): Source => ({ path: 'sources/fuzz.md', name: 'fuzz.md', slug: 'fuzz', hash: 'fuzz', text });

/** Markup that converters leave and that the stages treat specially. */
const markup = fc.constantFrom('|', '\t', '**', '*', '_', '<b>', '</b>', '<sup>', '</sup>', '<br>', '<table>', '<td>', '</tr>', '[', '](#)', '#', '> ', '- ', '1. ', '```', '\\', '-', '\n', '\n\n', 'Table 1.', 'Total', '(113)', '1.223', '2,626', '−12', '½', 'ệ', '\u00a0');

/** A mutation of one line: cut, duplicate, or splice in markup or random text. */
const mutatedLine = fc.oneof(
  fc.constantFrom(...corpusLines),
  fc.tuple(fc.constantFrom(...corpusLines), fc.nat(), fc.oneof(markup, fc.string({ maxLength: 12 }))).map(([line, at, insert]) => {
    const cut = line.length === 0 ? 0 : at % line.length;
    return line.slice(0, cut) + insert + line.slice(cut);
  }),
  fc.tuple(fc.constantFrom(...corpusLines), fc.nat(), fc.nat()).map(([line, from, length]) => line.slice(0, from % (line.length + 1)) + line.slice((from % (line.length + 1)) + (length % 20))),
  fc.array(markup, { maxLength: 6 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** A document: a run of consecutive corpus lines (real structure) with mutated lines spliced in. */
const document = fc
  .tuple(fc.nat(corpusLines.length - 1), fc.integer({ min: 1, max: 120 }), fc.array(fc.tuple(fc.nat(), mutatedLine), { maxLength: 12 }))
  .map(([start, length, insertions]) => {
    const lines = corpusLines.slice(start, start + length);
    for (const [at, line] of insertions) lines.splice(at % (lines.length + 1), 0, line);
    return lines.join('\n');
  });

/** A piece (markup, a cut of a corpus line, random text) written 10,000 times, then a stray mark: where patterns backtrack. */
const repeated = fc
  .tuple(fc.oneof(markup, fc.constantFrom(...corpusLines).map((line) => line.slice(0, 12)), fc.string({ minLength: 1, maxLength: 6 })), fc.constantFrom('', '!', ')', '@', '.', 'a'))
  .filter(([piece]) => piece.length > 0)
  .map(([piece, end]) => `# Repeated\n\n${piece.repeat(10_000)}${end}\n`);
const repeatedRuns = Number(process.env['FUZZ_REPEATED_RUNS'] ?? 6);

describe('fuzzing the per-source stages', () => {
  it('analyses pieces written 10,000 times within a bound, in a worker as the build does', async () => {
    const pool = new AnalysisPool({ size: 1, timeout: 8_000, memory: 2048 });
    try {
      await fc.assert(
        fc.asyncProperty(repeated, async (text) => {
          await pool.analyse(sourceOf(text));
        }),
        { numRuns: repeatedRuns, seed: process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : 20261206 },
      );
    } finally {
      await pool.close();
    }
  }, 600_000);

  it('never throws or hangs, keeps one cell per column, and cleans the cleaned text to itself', () => {
    fc.assert(
      fc.property(document, (text) => {
        const started = performance.now();
        const analysis = analyseSource(sourceOf(text));
        for (const table of analysis.tables) {
          for (const row of table.rows) expect(row.cells.length).toBe(table.columns.length);
        }
        const cleaned = analysis.cleaned!.markdown;
        expect(cleanFile(sourceOf(cleaned)).markdown).toBe(cleaned);
        // A case this size takes milliseconds: seconds would mean a runaway pattern.
        expect(performance.now() - started).toBeLessThan(5000);
      }),
      { numRuns: runs, seed: process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : 20261125 },
    );
  }, 600_000);
});
