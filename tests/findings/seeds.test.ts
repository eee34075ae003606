/**
 * Findings and claims on both seeds, from the real records (parse → extractTables), sentence by sentence.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkClaims, readClaims, sourceFindings, tableFindings } from '../../pipeline/findings/index.js';
import { extractMetadata } from '../../pipeline/metadata/index.js';
import { parseMarkdown } from '../../pipeline/parse.js';
import { extractTables } from '../../pipeline/tables/index.js';

function seed(file: string) {
  const text = readFileSync(new URL(`../../sources/${file}`, import.meta.url), 'utf8');
  const tree = parseMarkdown(text);
  const { tables } = extractTables({ path: `sources/${file}`, name: `sources/${file}`, slug: file, text, hash: '' }, tree);
  return { tree, tables, abstract: extractMetadata(tree).abstract };
}

describe('first seed: anti-drug cooperation', () => {
  const { tree, tables, abstract } = seed('anti-drug-cooperation.md');

  it('describes Table 1 over its full years and names the half year as partial', () => {
    expect(tables.map((table) => table.id)).toEqual(['table-1']);
    expect(tableFindings(tables[0]!)).toEqual([
      'Cases peaked at 1,537 in 2018 and were lowest at 405 in 2015.',
      'From 2015 to 2018 Cases rose 279.5%, from 405 to 1,537.',
      'Objects peaked at 2,626 in 2018 and were lowest at 567 in 2015.',
      'From 2015 to 2018 Objects rose 363.1%, from 567 to 2,626.',
      'The row “half of 2019” covers only part of a period and is left out of these comparisons.',
    ]);
  });

  it('picks the abstract’s conclusion and the table’s top sentences as key findings', () => {
    expect(sourceFindings(tables, abstract)).toEqual([
      "The article concludes that cooperation between Vietnam and Cambodia against drug crimes will be strengthened but requires more efforts of the two countries' authorities.",
      'Table 1: From 2015 to 2018 Cases rose 279.5%, from 405 to 1,537.',
      'Table 1: From 2015 to 2018 Objects rose 363.1%, from 567 to 2,626.',
    ]);
  });

  it('finds the prose figures about Table 1, all agreeing, and leaves Cambodia’s own figures alone', () => {
    const claims = readClaims(tree, tables).map(({ line, figure, word, period, status, expected }) => ({ line, figure, word, period, status, expected }));
    expect(claims).toEqual([
      { line: 56, figure: '1,537', word: 'cases', period: '2018', status: 'agrees', expected: 1537 },
      // 405 + 602 + 1,223 + 1,537
      { line: 103, figure: '3,767', word: 'cases', period: 'from 2015 to 2018', status: 'agrees', expected: 3767 },
      { line: 103, figure: '1,537', word: 'cases', period: '2018', status: 'agrees', expected: 1537 },
    ]);
    // Line 43: "In 2018, Cambodia detected and arrested 4,399 cases" is about Cambodia, not the Vietnam-Cambodia table.
    expect(checkClaims(tree, tables, 'sources/anti-drug-cooperation.md')).toEqual([]);
  });
});

describe('second seed: human-trafficking cooperation', () => {
  const { tree, tables, abstract } = seed('human-trafficking-cooperation.md');
  const [fig2, table1] = tables;

  it('describes the first three series of the prosecutions table', () => {
    expect(tableFindings(fig2!)).toEqual([
      'Prosecutions peaked at 3,281 in 2015 and were lowest at 357 in 2009.',
      'From 2009 to 2015 Prosecutions rose 819.0%, from 357 to 3,281.',
      'Convictions peaked at 1,730 in 2015 and were lowest at 177 in 2010.',
      'From 2009 to 2015 Convictions rose 575.8%, from 256 to 1,730.',
      'Victims identified peaked at 13,990 in 2015 and were lowest at 2,597 in 2010.',
      'From 2009 to 2015 Victims identified rose 167.1%, from 5,238 to 13,990.',
    ]);
  });

  it('follows the first measure of each group, finds the groups nested, and turns the total check into a warning', () => {
    expect(tableFindings(table1!)).toEqual([
      'Cases (Nationwide in Vietnam) peaked at 407 in 2015 and were lowest at 211 in 2018.',
      'From 2015 to 2019 Cases (Nationwide in Vietnam) fell 21.9%, from 407 to 318.',
      'Cases (Vietnam-Cambodia border) peaked at 62 in 2015 and were lowest at 36 in 2018.',
      'From 2015 to 2019 Cases (Vietnam-Cambodia border) fell 27.4%, from 62 to 45.',
      'Cases (Vietnam-Cambodia Cooperation) peaked at 17 in 2019 and were lowest at 7 in 2015.',
      'From 2015 to 2019 Cases (Vietnam-Cambodia Cooperation) rose 142.9%, from 7 to 17.',
      'Vietnam-Cambodia border cases were 14.5% of Nationwide in Vietnam cases (242 of 1,666), 2015–2019.',
      // The text's own "25.2 percent of the cases" (line 114).
      'Vietnam-Cambodia Cooperation cases were 25.2% of Vietnam-Cambodia border cases (61 of 242), 2015–2019.',
      'The Total row gives 394 for Vietnam-Cambodia border / Objects, but the rows above sum to 445.',
    ]);
  });

  it('picks at most two sentences per table after the conclusion', () => {
    expect(sourceFindings(tables, abstract)).toEqual([
      "The article concludes that cooperation between Vietnam and Cambodia against human trafficking will be strengthened but requires more efforts of the two countries' authorities.",
      'Fig 2: From 2009 to 2015 Prosecutions rose 819.0%, from 357 to 3,281.',
      'Fig 2: From 2009 to 2015 Convictions rose 575.8%, from 256 to 1,730.',
      'Table 1: From 2015 to 2019 Cases (Nationwide in Vietnam) fell 21.9%, from 407 to 318.',
      'Table 1: Vietnam-Cambodia border cases were 14.5% of Nationwide in Vietnam cases (242 of 1,666), 2015–2019.',
    ]);
  });

  it('matches the 2015–2019 figures of line 114 with the cooperation columns’ totals', () => {
    const claims = readClaims(tree, tables).map(({ line, figure, word, status, column }) => ({ line, figure, word, status, column }));
    expect(claims).toEqual([
      { line: 114, figure: '61', word: 'cases', status: 'agrees', column: 'vietnam_cambodia_cooperation.cases' },
      { line: 114, figure: '221', word: 'victims', status: 'agrees', column: 'vietnam_cambodia_cooperation.victims' },
    ]);
    expect(checkClaims(tree, tables, 'sources/human-trafficking-cooperation.md')).toEqual([]);
  });
});
