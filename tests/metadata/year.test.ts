import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../pipeline/metadata/index.js';
import { parseMarkdown } from '../../pipeline/parse.js';

/** Made-up reports and articles. */
const metadataOf = (markdown: string) => extractMetadata(parseMarkdown(markdown));

describe('year where the document states it', () => {
  it.each([
    ['a journal line', ['Annals of Invented Studies 22 (2019) 484–487'], 2019],
    ['a copyright line at the end', ['Text.', '', '## Notes', '', 'i Someone (2015), A report.', '', 'The Quiet Engine © 2018 Invented Association.'], 2018],
    ['an acceptance date', ['Received October 27, 2010. Accepted for publication March 10, 2011.'], 2011],
    ['a place-and-date line', ['Musterstadt, den 29. Februar 2024', '', 'Der Vorstand'], 2024],
    ['a Vietnamese cover date', ['THÁNG 04 NĂM 2025'], 2025],
    ['a Chinese cover date', ['【2023年4月28日】'], 2023],
    ['an ISO report date', ['Report Date: 2024-11-15'], 2024],
    ['a Japanese era edition', ['令和6年版 情報通信白書 第I部 47'], 2024],
    ['a revision date', ['SLOS000A – DECEMBER 2024 – REVISED MARCH 2025'], 2025],
  ])('reads %s', (_, lines, year) => {
    expect(metadataOf(['# Invented Report of Things', '', ...lines.flatMap((line) => [line, ''])].join('\n')).year).toBe(year);
  });

  it('does not take a list item `(c)` or a year the text talks about for the copyright or the publication', () => {
    const md = ['# Invented Report of Things', '', '(c) Third group of directors: the term ends at the 2031 meeting.', '', 'The body (XYZ) published case definitions in 2000.', ''].join('\n');
    expect(metadataOf(md).year).toBeNull();
  });
});
