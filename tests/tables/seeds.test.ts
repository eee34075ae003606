/**
 * Table records of both seeds, cell by cell, against values read from the sources by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../pipeline/parse.js';
import { tableToCsv } from '../../pipeline/tables/csv.js';
import { extractTables } from '../../pipeline/tables/index.js';
import { tableToHtml } from '../../pipeline/render/table-html.js';

function tablesOf(file: string) {
  const text = readFileSync(new URL(`../../sources/${file}`, import.meta.url), 'utf8');
  return extractTables({ path: `sources/${file}`, name: `sources/${file}`, slug: file, text, hash: '' }, parseMarkdown(text));
}

const values = (table: ReturnType<typeof tablesOf>['tables'][number], column: number) => table.rows.map((row) => row.cells[column]?.value);

describe('first seed: one tab-separated table, dots grouping thousands, a partial year', () => {
  const { tables, diagnostics } = tablesOf('anti-drug-cooperation.md');
  const [table] = tables;

  it('finds the table with its caption, lines and columns', () => {
    expect(diagnostics).toEqual([]);
    expect(tables).toHaveLength(1);
    expect(table).toMatchObject({
      id: 'table-1',
      label: 'Table 1',
      title: 'Vietnam-Cambodia in the arrest of drug offenders (2015–2019)',
      notes: [],
      format: 'tsv',
      lines: [96, 101],
      checks: [],
    });
    expect(table!.columns).toEqual([
      { key: 'time', path: ['Time'], type: 'year' },
      { key: 'cases', path: ['Cases'], type: 'integer' },
      { key: 'objects', path: ['Objects'], type: 'integer' },
      { key: 'amount_of_drug_seized', path: ['Amount of drug seized'], type: 'text' },
    ]);
  });

  it('reads every number in the column convention: 1.223 is 1223', () => {
    expect(values(table!, 0)).toEqual([2015, 2016, 2017, 2018, 2019]);
    expect(values(table!, 1)).toEqual([405, 602, 1223, 1537, 32]);
    expect(values(table!, 2)).toEqual([567, 890, 1986, 2626, 60]);
    expect(table!.rows.map((row) => row.kind)).toEqual(['data', 'data', 'data', 'data', 'data']);
    expect(table!.rows[4]!.cells[0]).toEqual({ raw: 'half of 2019', value: 2019 });
    expect(table!.rows[2]!.cells[1]).toEqual({ raw: '1.223', value: 1223 });
    expect(table!.rows[1]!.cells[3]!.value).toBe(
      '19.2 kilogram of heroin, 13.5 kilogram of opium, 4.6 kilogram of dry marijuana, 56.2 kilogram and 896 synthetic drugs.',
    );
  });

  it('writes a CSV that spreadsheets open: BOM, quoted text, CRLF', () => {
    const csv = tableToCsv(table!);
    expect(csv.startsWith('\ufeffTime,Cases,Objects,Amount of drug seized\r\n2015,405,567,"2,932 kilogram')).toBe(true);
    expect(csv.split('\r\n')[3]).toMatch(/^2017,1223,1986,"9\.67 kilogram/);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('second seed: secondary figures, a caption after its table, a grouped header and a bold total row', () => {
  const { tables } = tablesOf('human-trafficking-cooperation.md');
  const [prosecutions, cooperation] = tables;

  it('ties the Fig 2 caption that follows the table, with its source note', () => {
    expect(prosecutions).toMatchObject({
      id: 'fig-2',
      label: 'Fig 2',
      title: 'Map of Southeast Asia on combating trafficking in persons',
      notes: ['Sources: US Department of State; Trafficking in Persons Report'],
      lines: [71, 78],
    });
    expect(prosecutions!.columns.map((column) => [column.key, column.type])).toEqual([
      ['year', 'year'],
      ['prosecutions', 'integer'],
      ['convictions', 'integer'],
      ['victims_identified', 'integer'],
      ['new_or_amended_legislation', 'integer'],
    ]);
  });

  it('keeps the parenthesised second figure apart', () => {
    expect(prosecutions!.rows[0]!.cells).toEqual([
      { raw: '2009', value: 2009 },
      { raw: '357 (113)', value: 357, secondary: 113 },
      { raw: '256 (72)', value: 256, secondary: 72 },
      { raw: '5,238', value: 5238 },
      { raw: '3', value: 3 },
    ]);
    expect(prosecutions!.rows[6]!.cells[3]).toEqual({ raw: '13,990 (3,533)', value: 13990, secondary: 3533 });
  });

  it('builds column paths from the grouped header and reads 07 and 1.000', () => {
    expect(cooperation).toMatchObject({ id: 'table-1', label: 'Table 1', lines: [105, 112] });
    expect(cooperation!.title).toBe('Results of cooperation in prevention of human trafficking between Vietnam and Cambodia (2015–2019)');
    expect(cooperation!.columns.map((column) => column.path)).toEqual([
      ['Year'],
      ['Nationwide in Vietnam', 'Cases'],
      ['Nationwide in Vietnam', 'Objects'],
      ['Nationwide in Vietnam', 'Victims'],
      ['Vietnam-Cambodia border', 'Cases'],
      ['Vietnam-Cambodia border', 'Objects'],
      ['Vietnam-Cambodia border', 'Victims'],
      ['Vietnam-Cambodia Cooperation', 'Cases'],
      ['Vietnam-Cambodia Cooperation', 'Objects'],
      ['Vietnam-Cambodia Cooperation', 'Victims'],
    ]);
    expect(cooperation!.columns[4]!.key).toBe('vietnam_cambodia_border.cases');
    expect(values(cooperation!, 3)).toEqual([1000, 927, 965, 386, 687, 3965]);
    expect(cooperation!.rows[0]!.cells[7]).toEqual({ raw: '07', value: 7 });
  });

  it('marks the bold total row and finds the one total that disagrees with its column', () => {
    expect(cooperation!.rows.map((row) => row.kind)).toEqual(['data', 'data', 'data', 'data', 'data', 'total']);
    expect(cooperation!.rows[5]!.cells[1]).toEqual({ raw: '1.666', value: 1666 });
    // 121 + 92 + 112 + 51 + 69 = 445, while the source prints 394; every other total adds up.
    expect(cooperation!.checks).toEqual([
      {
        kind: 'total-mismatch',
        column: 'vietnam_cambodia_border.objects',
        stated: 394,
        computed: 445,
        message: 'Total row says 394 but the column sums to 445',
      },
    ]);
  });

  it('renders the grouped header as spanning cells and names the column in the warning', () => {
    const html = tableToHtml(cooperation!);
    expect(html).toContain('<th scope="col" rowspan="2">Year</th><th scope="colgroup" colspan="3" class="group">Nationwide in Vietnam</th>');
    expect(html).toContain('<tr class="total"><td class="num">Total</td><td class="num">1,666</td>');
    expect(html).toContain('<li>Vietnam-Cambodia border / Objects: Total row says 394 but the column sums to 445</li>');
  });
});
