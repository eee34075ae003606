/**
 * checkClaims: figures in the prose against the table records, rule by rule, on small documents.
 */
import { describe, expect, it } from 'vitest';
import { checkClaims, readClaims } from '../../pipeline/findings/index.js';
import { parseMarkdown } from '../../pipeline/parse.js';
import { extractTables } from '../../pipeline/tables/index.js';
import type { TableRecord } from '../../pipeline/types.js';
import { record } from './records.js';

/** A document whose first lines hold Table 1 (lines 3–8), followed by the given prose lines. */
function document(prose: string[]) {
  const lines = [
    'Table 1. Arrests on the border (2016–2019)',
    '',
    '| Year | Cases | Victims |',
    '|------|-------|---------|',
    '| 2016 | 120 | 40 |',
    '| 2017 | 1,537 | 55 |',
    '| 2018 | 400 | 61 |',
    '| half of 2019 | 32 | 9 |',
    '',
    ...prose,
  ];
  const text = lines.join('\n');
  const table = record({
    title: 'Arrests on the border (2016–2019)',
    lines: [3, 8],
    columns: [['Year', 'year'], ['Cases', 'integer'], ['Victims', 'integer']],
    rows: [['2016', '120', '40'], ['2017', '1,537', '55'], ['2018', '400', '61'], ['half of 2019', '32', '9']],
  });
  return { text, tree: parseMarkdown(text), tables: [table], line: (start: string) => lines.findIndex((candidate) => candidate.startsWith(start)) + 1 };
}

const check = (doc: ReturnType<typeof document>, tables: TableRecord[] = doc.tables) => checkClaims(doc.tree, tables, 'sources/x.md');

describe('claims that agree', () => {
  it('finds the figure and says nothing', () => {
    const doc = document([
      'In 2017, the border police detected 1,537 cases.',
      '',
      'In 2018 the number of cases was 400, and in the first half of 2019 police found 32 cases.',
    ]);
    expect(readClaims(doc.tree, doc.tables).map((claim) => [claim.figure, claim.period, claim.status])).toEqual([
      ['1,537', '2017', 'agrees'],
    ]);
    // The second sentence names two periods: too loose to tell which figure is which.
    expect(check(doc)).toEqual([]);
  });

  it('sums the rows of a range of full years, and accepts a parenthesised second figure', () => {
    const doc = document(['From 2016 to 2018 the police found 2,057 cases.']);
    expect(readClaims(doc.tree, doc.tables).map((claim) => [claim.figure, claim.status, claim.expected])).toEqual([['2,057', 'agrees', 2057]]);
    const prosecutions = record({ lines: [3, 8], columns: [['Year', 'year'], ['Prosecutions', 'integer']], rows: [['2009', '357 (113)'], ['2010', '427 (53)']] });
    const tree = parseMarkdown('In 2009 there were 113 prosecutions of labour trafficking.');
    expect(readClaims(tree, [prosecutions]).map((claim) => claim.status)).toEqual(['agrees']);
  });
});

describe('claims that disagree', () => {
  it('warns with the line of the sentence, not of its paragraph', () => {
    const doc = document(['Arrests rose quickly on the border.', 'In 2018 the police found 410 cases and rescued 61 victims.']);
    expect(check(doc)).toEqual([
      { severity: 'warning', file: 'sources/x.md', line: doc.line('In 2018 the police'), message: 'the text says 410 cases in 2018, but Table 1 gives 400' },
    ]);
  });

  it('warns about a half year, a range, and a figure written after its noun', () => {
    const doc = document([
      'In the first half of 2019, 30 cases were found.',
      '',
      'Between 2016 and 2018, 2,000 cases were found.',
      '',
      'In 2017, cases: 1,573.',
    ]);
    expect(check(doc).map((diagnostic) => [diagnostic.line, diagnostic.message])).toEqual([
      [doc.line('In the first half'), 'the text says 30 cases in the first half of 2019, but Table 1 gives 32'],
      [doc.line('Between 2016'), 'the text says 2,000 cases between 2016 and 2018, but the rows of Table 1 for those years sum to 2,057'],
      [doc.line('In 2017, cases'), 'the text says 1,573 cases in 2017, but Table 1 gives 1,537'],
    ]);
  });

  it('works on records from the real extractor', () => {
    const doc = document(['In 2016 the police rescued 44 victims.']);
    const { tables } = extractTables({ path: 'x.md', name: 'sources/x.md', slug: 'x', text: doc.text, hash: '' }, doc.tree);
    expect(tables).toHaveLength(1);
    expect(check(doc, tables)).toEqual([
      { severity: 'warning', file: 'sources/x.md', line: 10, message: 'the text says 44 victims in 2016, but Table 1 gives 40' },
    ]);
  });
});

describe('what is not a claim', () => {
  it('ignores percentages, approximations, pages, dates, other units and years that are citations', () => {
    const doc = document([
      'In 2018, 40 percent of cases were closed, and cases rose 12% in 2018.',
      '',
      'In 2018, more than 4,000 cases and nearly 500 victims were reported.',
      '',
      'In 2018, Table 3 cases were excluded, and 5 billion and many other victims were mentioned.',
      '',
      'On March 28, 2018, police seized 50 cases.',
      '',
      'Ha (2018) counted 99 cases; others counted 98 cases (Ha, 2018).',
      '',
      'In 2017 and 2018, 400 cases were found.',
      '',
      'In 2018, 300-500 cases were expected.',
      '',
      'In 2019, 32 cases were found.',
      '',
      'From 2016 to 2019, 2,089 cases were found.',
    ]);
    expect(readClaims(doc.tree, doc.tables)).toEqual([]);
  });

  it('ignores the references, tab-separated tables and the table itself', () => {
    const doc = document([
      'In 2018 the police\tfound 410 cases.',
      '',
      'References',
      '',
      '- Nguyen, 2018 – In 2018 police found 12 cases. *Journal*. 3: 2018.',
      '',
      '## References',
      '',
      'Tran (2017). In 2017 there were 15 cases.',
    ]);
    expect(readClaims(doc.tree, doc.tables)).toEqual([]);
  });

  it('needs the places a table’s title names', () => {
    const table = record({
      title: 'Arrests between Vietnam and Cambodia (2017–2018)',
      lines: [100, 103],
      columns: [['Year', 'year'], ['Cases', 'integer']],
      rows: [['2017', '1,223'], ['2018', '1,537']],
    });
    const tree = parseMarkdown(
      ['Cooperation between Vietnam and Cambodia is old.', '', 'In 2018, Cambodia detected 4,399 cases.', '', 'In 2018, Vietnam and Cambodia detected 1,500 cases.'].join('\n'),
    );
    expect(checkClaims(tree, [table], 'x.md')).toEqual([
      { severity: 'warning', file: 'x.md', line: 5, message: 'the text says 1,500 cases in 2018, but Table 1 gives 1,537' },
    ]);
  });
});

describe('grouped columns', () => {
  const table = record({
    label: 'Table 2',
    lines: [100, 103],
    columns: [
      ['Year', 'year'],
      [['Nationwide', 'Cases'], 'integer'],
      [['Vietnam-Cambodia border', 'Cases'], 'integer'],
    ],
    rows: [['2017', '376', '51'], ['2018', '211', '36']],
  });
  const claims = (text: string) => checkClaims(parseMarkdown(text), [table], 'x.md').map((diagnostic) => diagnostic.message);

  it('compares with the group the sentence names', () => {
    expect(claims('In 2018, 40 cases were found on the border.')).toEqual(['the text says 40 cases in 2018, but Table 2 gives 36 under Vietnam-Cambodia border / Cases']);
    expect(claims('In 2018, 211 cases were found nationwide.')).toEqual([]);
  });

  it('without a group’s words, any group that agrees will do, and none that agrees is left alone', () => {
    expect(claims('In 2018, the police discovered 211 cases.')).toEqual([]);
    expect(claims('In 2018, the police prosecuted 200 cases.')).toEqual([]);
    const ambiguous = readClaims(parseMarkdown('In 2018, the police prosecuted 200 cases.'), [table]);
    expect(ambiguous.map((claim) => claim.status)).toEqual(['ambiguous']);
  });
});
