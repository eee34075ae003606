/**
 * Cleaning twice gives what cleaning once gave: one case per cause the fuzz test (tests/fuzz) found, each minimised
 * from a spliced document and written as a converter would leave it. Cleaned as the build cleans (bound, parse,
 * tables, clean).
 */
import { describe, expect, it } from 'vitest';
import { cleanFile } from '../../pipeline/analyse.js';
import { sourceOf } from './helpers/clean.js';

function cleanedTwice(lines: string[]): { once: string; twice: string } {
  const once = cleanFile(sourceOf(lines.join('\n'))).markdown;
  return { once, twice: cleanFile(sourceOf(once)).markdown };
}

describe('cleaning is idempotent', () => {
  it('reads tags in aligned-text and LaTeX cells as a GFM cell reads them (the table written back reads the same)', () => {
    // pdftotext layout in a code block, with the converter's tags left in: a reader of the GFM table sees no tags.
    const aligned = cleanedTwice(['```', 'Region<br>     2018   2019', 'Nord            530    511', '<b>Süd</b>      901    948', '```']);
    expect(aligned.once).toBe('| Region | 2018 | 2019 |\n| - | -: | -: |\n| Nord | 530 | 511 |\n| Süd | 901 | 948 |\n');
    expect(aligned.twice).toBe(aligned.once);
    const latex = cleanedTwice(['\\begin{tabular}{l r}', 'Year & Cases \\\\', '2018 & 211 \\\\', '2019<br> & <b>318</b> \\\\', '\\end{tabular}']);
    expect(latex.once).toBe('| Year | Cases |\n| -: | -: |\n| 2018 | 211 |\n| 2019 | 318 |\n');
    expect(latex.twice).toBe(latex.once);
  });

  it('keeps an autolink in an aligned cell as its text', () => {
    const { once, twice } = cleanedTwice(['```', 'Source                 Cases  Victims', 'Hanoi                    511      948', '<https://example.org>     12       30', '```']);
    expect(once).toBe('| Source | Cases | Victims |\n| - | -: | -: |\n| Hanoi | 511 | 948 |\n| \\<https\\://example.org> | 12 | 30 |\n');
    expect(twice).toBe(once);
  });

  it('leaves one line end where a lone tag stood on a line of its own inside a paragraph', () => {
    const { once, twice } = cleanedTwice(['# Seizures', '', 'Seizures rose in 2018 (113)', '</b>', 'and fell in 2019.', '<sup>']);
    expect(once).toBe('# Seizures\n\nSeizures rose in 2018 (113)\nand fell in 2019.\n');
    expect(twice).toBe(once);
  });

  it('leaves an empty heading as it is', () => {
    const { once, twice } = cleanedTwice(['Border cooperation', '', '## Abstract', '', 'Short.', '', '## ']);
    expect(once).toBe('# Border cooperation\n\n## Abstract\n\nShort.\n\n##\n');
    expect(twice).toBe(once);
  });
});
