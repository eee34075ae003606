import { describe, expect, it } from 'vitest';
import type { TableColumn, TableRecord, TableRow } from '../../pipeline/types.js';
import { clean, invariants, readSource, sourceOf } from './helpers/clean.js';

/** A hand-written record, as the tables stage (mdbrief.tables/1) would give it. */
function record(fields: Partial<TableRecord> & Pick<TableRecord, 'lines' | 'columns' | 'rows'>): TableRecord {
  return { id: 'table-1', label: 'Table 1', title: null, notes: [], format: 'tsv', checks: [], ...fields };
}

const text = (value: string) => ({ raw: value, value });
const num = (raw: string, value: number, secondary?: number) => (secondary === undefined ? { raw, value } : { raw, value, secondary });
const column = (key: string, path: string[], type: TableColumn['type']): TableColumn => ({ key, path, type });

describe('tables rule on seed 1 (a TSV table under a plain caption line, linked as [Table 1](#))', () => {
  const source = readSource('sources/anti-drug-cooperation.md');
  const lines = source.text.split('\n');
  const rows: TableRow[] = lines.slice(96, 101).map((line) => {
    const [time, cases, objects, amount] = line.split('\t') as [string, string, string, string];
    return { kind: 'data', cells: [text(time), num(cases, Number(cases.replace('.', ''))), num(objects, Number(objects.replace('.', ''))), text(amount)] };
  });
  const table = record({
    title: 'Vietnam-Cambodia in the arrest of drug offenders (2015–2019)',
    lines: [96, 101],
    columns: [column('time', ['Time'], 'text'), column('cases', ['Cases'], 'integer'), column('objects', ['Objects'], 'integer'), column('amount', ['Amount of drug seized'], 'text')],
    rows,
  });
  const result = clean(source, [table]);

  it('writes the caption above with the anchor, then a GFM table with numbers as parsed', () => {
    expect(result.markdown).toContain(
      '<a id="table-1"></a>**Table 1.** Vietnam-Cambodia in the arrest of drug offenders (2015–2019)\n\n| Time | Cases | Objects | Amount of drug seized |\n| - | -: | -: | - |\n| 2015 | 405 | 567 | 2,932 kilogram',
    );
    expect(result.markdown).toContain('\n| 2017 | 1223 | 1986 | 9.67 kilogram of heroin,');
    expect(result.markdown).toContain('\n| half of 2019 | 32 | 60 | 129,892 kilogram');
    expect(result.markdown).not.toContain('Table 1. Vietnam-Cambodia');
    const change = result.changes.find((candidate) => candidate.rule === 'tables');
    expect(change?.line).toBe(94);
    expect(change?.before.startsWith('Table 1. Vietnam-Cambodia in the arrest of drug offenders (2015–2019)\n\nTime\tCases')).toBe(true);
  });

  it('points [Table 1](#) at the table anchor', () => {
    expect(result.markdown).toContain('According to the [Table 1](#table-1), from 2015');
  });

  it('keeps the invariants, also when cleaned again without records', () => {
    const checks = invariants(source, result);
    expect(checks.lost).toEqual({});
    expect(checks.secondPass.changes).toEqual([]);
    expect(checks.secondPass.markdown).toBe(result.markdown);
    expect(checks.roundTrips).toBe(true);
  });
});

describe('tables rule on seed 2 (grouped header, <b> total row, bold caption)', () => {
  const source = readSource('sources/human-trafficking-cooperation.md');
  const groups = ['Nationwide in Vietnam', 'Vietnam-Cambodia border', 'Vietnam-Cambodia Cooperation'];
  const columns = [
    column('year', ['Year'], 'year'),
    ...groups.flatMap((group) => ['Cases', 'Objects', 'Victims'].map((label) => column(`${group}.${label}`, [group, label], 'integer'))),
  ];
  const rawRows = source.text.split('\n').slice(106, 112).map((line) => line.replace(/<\/?b>/g, '').split('\t'));
  const rows: TableRow[] = rawRows.map((cells) => ({
    kind: cells[0] === 'Total' ? 'total' : 'data',
    cells: cells.map((cell, index) => (index === 0 && cell === 'Total' ? text(cell) : num(cell, Number(cell.replace('.', ''))))),
  }));
  const table = record({
    title: 'Results of cooperation in prevention of human trafficking between Vietnam and Cambodia (2015–2019)',
    lines: [105, 112],
    columns,
    rows,
  });
  const result = clean(source, [table]);

  it('joins group paths in one header row and writes the total row as parsed', () => {
    expect(result.markdown).toContain(
      '<a id="table-1"></a>**Table 1.** Results of cooperation in prevention of human trafficking between Vietnam and Cambodia (2015–2019)\n\n| Year | Nationwide in Vietnam / Cases | Nationwide in Vietnam / Objects | Nationwide in Vietnam / Victims | Vietnam-Cambodia border / Cases |',
    );
    expect(result.markdown).toContain('\n| 2015 | 407 | 489 | 1000 | 62 | 121 | 232 | 7 | 18 | 23 |\n');
    expect(result.markdown).toContain('\n| Total | 1666 | 2271 | 3965 | 242 | 394 | 818 | 61 | 130 | 221 |\n\nOn the Vietnam-Cambodia border');
    expect(result.markdown).not.toContain('<b>');
    expect(result.changes.filter((change) => change.rule === 'inline-html' && change.line === 112)).toEqual([]);
  });

  it('keeps the invariants', () => {
    const checks = invariants(source, result);
    expect(checks.lost).toEqual({});
    expect(checks.secondPass.changes).toEqual([]);
    expect(checks.roundTrips).toBe(true);
  });
});

describe('tables rule on a small fixture: notes below, secondary figures, caption after the table', () => {
  const source = sourceOf(
    [
      '<!-- Reproduces marker (PDF → Markdown): a TSV table with the figure caption after it and a source note. -->',
      '',
      '# Case counts',
      '',
      'Year\tCases',
      '2009\t357 (113)',
      '2010\t427 (53)',
      '',
      '**Fig 2.** Cases per year  ',
      'Sources: US Department of State',
      '',
      'See [Fig 2](#) for the trend.',
    ].join('\n'),
  );
  const table = record({
    id: 'fig-2',
    label: 'Fig 2',
    title: 'Cases per year',
    notes: ['Sources: US Department of State'],
    lines: [5, 7],
    columns: [column('year', ['Year'], 'year'), column('cases', ['Cases'], 'integer')],
    rows: [
      { kind: 'data', cells: [num('2009', 2009), num('357 (113)', 357, 113)] },
      { kind: 'data', cells: [num('2010', 2010), num('427 (53)', 427, 53)] },
    ],
  });
  const result = clean(source, [table]);
  it('moves the caption above, keeps the note below and the link on the anchor', () => {
    expect(result.markdown.replace(/^<!--.*-->\n\n/, '')).toBe(
      '# Case counts\n\n<a id="fig-2"></a>**Fig 2.** Cases per year\n\n| Year | Cases |\n| -: | -: |\n| 2009 | 357 (113) |\n| 2010 | 427 (53) |\n\nSources: US Department of State\n\nSee [Fig 2](#fig-2) for the trend.\n',
    );
    expect(invariants(source, result).lost).toEqual({});
  });
});

describe('the seed tables as the tables stage reads them', () => {
  it('keeps a partial period as written in a year column: "half of 2019", not its year', async () => {
    const { extractTables } = await import('../../pipeline/tables/index.js');
    const { parseMarkdown } = await import('../../pipeline/parse.js');
    const source = readSource('sources/anti-drug-cooperation.md');
    const { tables } = extractTables(source, parseMarkdown(source.text));
    expect(tables[0]!.columns[0]!.type).toBe('year');
    const { markdown } = clean(source, tables);
    expect(markdown).toContain('\n| 2015 | 405 | 567 | 2,932 kilogram');
    expect(markdown).toContain('\n| half of 2019 | 32 | 60 | 129,892 kilogram');
  });
});
