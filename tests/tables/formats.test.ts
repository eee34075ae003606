/**
 * Table formats as converters write them, one fixture per converter (tests/fixtures/tables): HTML tables with spans
 * (marker, MinerU), space-aligned text (pdftotext -layout), LaTeX tabulars (nougat), GFM tables split by a page break
 * (pymupdf4llm), a Chinese caption and total (docling). Records are checked against values read by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../pipeline/parse.js';
import { extractTables } from '../../pipeline/tables/index.js';
import { latexText } from '../../pipeline/tables/latex-text.js';
import type { TableRecord } from '../../pipeline/types.js';
import { clean, sourceOf } from '../clean/helpers/clean.js';
import { lostWords } from '../clean/helpers/words.js';

function extract(text: string, name = 'sources/test.md') {
  return extractTables({ path: name, name, slug: 'test', text, hash: '' }, parseMarkdown(text));
}

function fixture(file: string) {
  const path = `tests/fixtures/tables/${file}`;
  const text = readFileSync(new URL(`../fixtures/tables/${file}`, import.meta.url), 'utf8');
  return { text, path, ...extract(text, path) };
}

const shape = (table: TableRecord | undefined) => table?.columns.map((column) => [column.key, column.path, column.type]);
const column = (table: TableRecord | undefined, index: number) => table?.rows.map((row) => row.cells[index]?.value);
const kinds = (table: TableRecord | undefined) => table?.rows.map((row) => row.kind);
const cell = (raw: string, value: number | string | null) => ({ raw, value });

describe('marker and MinerU: HTML tables with rowspan, colspan, thead, <caption> and <br>', () => {
  const { tables, diagnostics } = fixture('marker-html.md');
  const [byProvince, victims, nested] = tables;

  it('finds the three tables, one of them in a list item', () => {
    expect(diagnostics).toEqual([]);
    expect(tables.map((table) => [table.id, table.format, table.lines])).toEqual([
      ['table-2', 'html', [7, 7]],
      ['table-3', 'html', [13, 20]],
      ['table-3-2', 'html', [26, 26]],
    ]);
  });

  it('builds paths from a two-row header: a colspan group above its labels, rowspan labels once', () => {
    expect(byProvince).toMatchObject({
      label: 'Table 2',
      title: 'Drug cases by province and year (2018–2019)',
      notes: ['Source: Ministry of Public Security'],
      checks: [],
    });
    expect(shape(byProvince)).toEqual([
      ['province', ['Province'], 'text'],
      ['year', ['Year'], 'year'],
      ['nationwide.cases', ['Nationwide', 'Cases'], 'integer'],
      ['nationwide.objects', ['Nationwide', 'Objects'], 'integer'],
      ['nationwide.victims', ['Nationwide', 'Victims'], 'integer'],
    ]);
  });

  it('repeats a row-spanning label down its rows; a total spanning two columns stands in the first', () => {
    expect(column(byProvince, 0)).toEqual(['An Giang', 'An Giang', 'Tây Ninh', 'Tây Ninh', 'Total']);
    expect(kinds(byProvince)).toEqual(['data', 'data', 'data', 'data', 'total']);
    expect(byProvince!.rows[0]!.cells).toEqual([cell('An Giang', 'An Giang'), cell('2018', 2018), cell('1.204', 1204), cell('1.530', 1530), cell('12', 12)]);
    expect(byProvince!.rows[4]!.cells).toEqual([cell('Total', 'Total'), cell('', null), cell('3.198', 3198), cell('4.089', 4089), cell('32', 32)]);
  });

  it('reads a table spread over three HTML blocks, with its <caption>, <br> in the header and a figure spanning two rows once', () => {
    expect(victims).toMatchObject({ label: 'Table 3', title: 'Victims identified, by sex', notes: [], checks: [] });
    expect(shape(victims)).toEqual([
      ['year', ['Year'], 'year'],
      ['women_and_girls', ['Women and girls'], 'integer'],
      ['men_and_boys', ['Men and boys'], 'integer'],
    ]);
    expect(victims!.rows.map((row) => row.cells)).toEqual([
      [cell('2017', 2017), cell('312', 312), cell('45', 45)],
      [cell('2018', 2018), cell('88', 88), cell('51', 51)],
      [cell('2019', 2019), cell('', null), cell('60', 60)],
    ]);
  });

  it('finds the table in a list item, decimal commas read as such', () => {
    expect(nested).toMatchObject({ label: null, title: null });
    expect(shape(nested)).toEqual([
      ['year', ['Year'], 'year'],
      ['heroin_kg', ['Heroin (kg)'], 'number'],
      ['opium_kg', ['Opium (kg)'], 'number'],
    ]);
    expect(nested!.rows[0]!.cells).toEqual([cell('2018', 2018), cell('19,2', 19.2), cell('13,5', 13.5)]);
    expect(column(nested, 2)).toEqual([13.5, 11]);
  });
});

describe('pdftotext -layout: tables aligned with spaces (a German report)', () => {
  const { tables } = fixture('pdftotext-aligned.md');
  const [drugs, suspects, groups] = tables;

  it('finds the three tables and not the prose with double spaces', () => {
    expect(tables.map((table) => [table.id, table.format, table.lines])).toEqual([
      ['tabelle-2', 'aligned', [7, 15]],
      ['tabelle-3', 'aligned', [19, 23]],
      ['tabelle-4', 'aligned', [27, 30]],
    ]);
  });

  it('reads a code block with its caption, years across, the Gesamt total and the source line', () => {
    expect(drugs).toEqual({
      id: 'tabelle-2',
      label: 'Tabelle 2',
      title: 'Sichergestellte Drogen nach Bundesland (kg)',
      notes: ['Quelle: Bundeskriminalamt, Rauschgiftkriminalität 2020'],
      format: 'aligned',
      lines: [7, 15],
      columns: [
        { key: 'column_1', path: ['Column 1'], type: 'text' },
        { key: '2018', path: ['2018'], type: 'number' },
        { key: '2019', path: ['2019'], type: 'number' },
        { key: '2020', path: ['2020'], type: 'number' },
      ],
      rows: [
        { kind: 'data', cells: [cell('Bayern', 'Bayern'), cell('1.234,5', 1234.5), cell('1.456,0', 1456), cell('987,3', 987.3)] },
        { kind: 'data', cells: [cell('Sachsen', 'Sachsen'), cell('312,0', 312), cell('298,4', 298.4), cell('305,1', 305.1)] },
        { kind: 'data', cells: [cell('Thüringen', 'Thüringen'), cell('45,2', 45.2), cell('51,7', 51.7), cell('60,0', 60)] },
        { kind: 'total', cells: [cell('Gesamt', 'Gesamt'), cell('1.591,7', 1591.7), cell('1.806,1', 1806.1), cell('1.352,4', 1352.4)] },
      ],
      checks: [],
    });
  });

  it('reads a header that became indented code above its body paragraph; two header lines', () => {
    expect(suspects).toMatchObject({ label: 'Tabelle 3', title: 'Tatverdächtige nach Altersgruppe' });
    expect(shape(suspects)).toEqual([
      ['altersgruppe', ['Altersgruppe'], 'text'],
      ['deutsche', ['Deutsche'], 'integer'],
      ['auslander', ['Ausländer'], 'integer'],
      ['anteil', ['Anteil'], 'percent'],
    ]);
    expect(suspects!.rows[1]!.cells).toEqual([cell('21 bis 30', '21 bis 30'), cell('2.877', 2877), cell('1.004', 1004), cell('25,9%', 25.9)]);
  });

  it('takes a label drawn over two columns as their group', () => {
    expect(shape(groups)).toEqual([
      ['region', ['Region'], 'text'],
      ['falle.2019', ['Fälle', '2019'], 'integer'],
      ['falle.2020', ['Fälle', '2020'], 'integer'],
      ['tatverdachtige.2019', ['Tatverdächtige', '2019'], 'integer'],
      ['tatverdachtige.2020', ['Tatverdächtige', '2020'], 'integer'],
    ]);
    expect(column(groups, 4)).toEqual([511, 948]);
  });
});

describe('nougat: LaTeX tabulars', () => {
  const { tables } = fixture('nougat-latex.md');
  const [cooperation, change, gates] = tables;

  it('finds the three tabulars, one split over two paragraphs by a blank line', () => {
    expect(tables.map((table) => [table.id, table.format, table.lines])).toEqual([
      ['table-1', 'latex', [7, 9]],
      ['table-2', 'latex', [13, 25]],
      ['table-3', 'latex', [27, 35]],
    ]);
  });

  it('reads a one-line tabular: \\multirow label, \\multicolumn group, thin-space thousands, \\textbf total', () => {
    expect(cooperation).toMatchObject({ label: 'Table 1', title: 'Results of cooperation in prevention of human trafficking (2015–2017)', checks: [] });
    expect(shape(cooperation)).toEqual([
      ['year', ['Year'], 'year'],
      ['nationwide_in_vietnam.cases', ['Nationwide in Vietnam', 'Cases'], 'integer'],
      ['nationwide_in_vietnam.objects', ['Nationwide in Vietnam', 'Objects'], 'integer'],
      ['nationwide_in_vietnam.victims', ['Nationwide in Vietnam', 'Victims'], 'integer'],
    ]);
    expect(kinds(cooperation)).toEqual(['data', 'data', 'data', 'total']);
    expect(cooperation!.rows[0]!.cells[3]).toEqual(cell('1 000', 1000));
    expect(cooperation!.rows[3]!.cells).toEqual([cell('Total', 'Total'), cell('1 156', 1156), cell('1 366', 1366), cell('2 892', 2892)]);
  });

  it('takes \\caption as the title, reads math minus signs and \\%', () => {
    expect(change).toMatchObject({ label: null, title: 'Change in seizures by drug type', notes: [] });
    expect(shape(change)).toEqual([
      ['drug_type', ['Drug type'], 'text'],
      ['2019_kg', ['2019 (kg)'], 'number'],
      ['change', ['Change (%)'], 'number'],
    ]);
    expect(column(change, 0)).toEqual(['Heroin', 'Opium', 'Synthetic drugs']);
    expect(change!.rows[0]!.cells[2]).toEqual(cell('-12.5', -12.5));
  });

  it('reads a tabular over two blocks', () => {
    expect(column(gates, 0)).toEqual(['Mộc Bài', 'Xa Mát']);
    expect(column(gates, 2)).toEqual([58, 22]);
  });

  it('turns LaTeX cell markup into text', () => {
    expect(latexText('\\textbf{1\\,234}')).toBe('1 234');
    expect(latexText('$-0.5^{***}$')).toBe('-0.5***');
    expect(latexText('12.5\\%')).toBe('12.5%');
    expect(latexText('\\cellcolor{gray!20}Hanoi \\& Hai Phong')).toBe('Hanoi & Hai Phong');
    expect(latexText('\\makecell{Women and\\\\ girls}')).toBe('Women and girls');
    expect(latexText('2015--2019 % a comment')).toBe('2015–2019');
    expect(latexText('$45.2 \\pm 1.3$')).toBe('45.2 ± 1.3');
    expect(latexText('1\\,234$^{a}$')).toBe('1 234');
    expect(latexText('x$^{2}$ and 5.2$^{**}$')).toBe('x2 and 5.2**');
  });
});

describe('pymupdf4llm: GFM tables split by a page break', () => {
  const { tables } = fixture('gfm-page-break.md');
  const [months, gates, nextYear, pageAfter] = tables;

  it('joins the parts around the page number and the running header, the repeated header dropped', () => {
    expect(tables.map((table) => table.id)).toEqual(['table-4', 'table-5', 'table-6', 'table-7']);
    expect(months).toMatchObject({ label: 'Table 4', lines: [7, 21], notes: ['Source: Provincial police reports'], checks: [] });
    expect(column(months, 0)).toEqual(['January', 'February', 'March', 'April', 'May', 'Total']);
    expect(kinds(months)).toEqual(['data', 'data', 'data', 'data', 'data', 'total']);
    expect(months!.rows[5]!.cells).toEqual([cell('Total', 'Total'), cell('157', 157), cell('224', 224)]);
  });

  it('joins a second part without a header: its first row is data', () => {
    expect(gates).toMatchObject({ label: 'Table 5', lines: [27, 36] });
    expect(column(gates, 0)).toEqual(['Mộc Bài', 'Xa Mát', 'Tịnh Biên', 'Vĩnh Xương']);
    expect(column(gates, 1)).toEqual([12.5, 4.2, 7.9, 2.6]);
    expect(shape(gates)!.map(([, path]) => path)).toEqual([['Border gate'], ['Heroin (kg)'], ['Opium (kg)']]);
  });

  it('keeps a table with its own caption apart, although its header is the same', () => {
    expect(nextYear).toMatchObject({ label: 'Table 6', lines: [40, 43] });
    expect(column(nextYear, 1)).toEqual([29, 26]);
  });

  it('finds a caption that ends a page past the footnote, page number and running header before its table', () => {
    expect(pageAfter).toMatchObject({ label: 'Table 7', title: 'Seizures by month (2020)', notes: [], lines: [53, 56] });
    expect(column(pageAfter, 1)).toEqual([3.2, 2.9]);
  });
});

describe('docling: a Chinese 表 caption and a 合计 total', () => {
  const { tables } = fixture('docling-chinese.md');

  it('reads the whole record', () => {
    expect(tables).toEqual([
      {
        id: '表-1',
        label: '表 1',
        title: '2015—2019 年越柬边境毒品案件',
        notes: ['资料来源：越南公安部'],
        format: 'gfm',
        lines: [7, 12],
        columns: [
          { key: '年份', path: ['年份'], type: 'year' },
          { key: '案件数', path: ['案件数'], type: 'integer' },
          { key: '涉案人数', path: ['涉案人数'], type: 'integer' },
        ],
        rows: [
          { kind: 'data', cells: [cell('2015', 2015), cell('405', 405), cell('567', 567)] },
          { kind: 'data', cells: [cell('2016', 2016), cell('602', 602), cell('890', 890)] },
          { kind: 'data', cells: [cell('2017', 2017), cell('1,223', 1223), cell('1,986', 1986)] },
          { kind: 'total', cells: [cell('合计', '合计'), cell('2,230', 2230), cell('3,443', 3443)] },
        ],
        checks: [],
      },
    ]);
  });
});

describe('edge cases of the new formats', () => {
  it('leaves two HTML tables in one block, and a table that shares its block with prose, alone', () => {
    const two = '<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table><table><tr><td>C</td></tr><tr><td>3</td></tr></table>';
    const prose = '<div><p>The figures below are preliminary and will change.</p><table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table></div>';
    expect(extract(two).tables).toEqual([]);
    expect(extract(prose).tables).toEqual([]);
  });

  it('takes a caption paragraph inside the HTML block and a title row spanning the table', () => {
    const { tables } = extract(
      '<div><p>Table 7. Arrests</p><table><tr><td colspan="2">Arrests by year</td></tr><tr><td>Year</td><td>Arrests</td></tr><tr><td>2019</td><td>12</td></tr></table></div>',
    );
    expect(tables[0]).toMatchObject({ label: 'Table 7', title: 'Arrests', columns: [{ path: ['Year'] }, { path: ['Arrests'] }] });
    expect(tables[0]!.rows).toHaveLength(1);
  });

  it('leaves footnote marks set as superscripts after figures out of the value, in HTML and GFM cells', () => {
    const html = extract('<table><tr><th>Year</th><th>Cases</th></tr><tr><td>2019</td><td>1.204<sup>a</sup></td></tr><tr><td>2020</td><td><b>987</b><sup>*</sup></td></tr></table>');
    expect(html.tables[0]!.rows.map((row) => row.cells[1])).toEqual([cell('1.204', 1204), cell('987*', 987)]);
    const gfm = extract('| Year | Cases |\n|---|---|\n| 2019 | 12<sup>a</sup> |\n| 2020 | 1,234<sup>†</sup> |');
    expect(gfm.tables[0]!.rows.map((row) => row.cells[1])).toEqual([cell('12', 12), cell('1,234†', 1234)]);
  });

  it('reads an indented HTML table whose rows after a blank line Markdown took for indented code', () => {
    const text = ['<table>', '  <thead>', '    <tr><th>Year</th><th>Cases</th></tr>', '  </thead>', '  <tbody>', '', '    <tr><td>2019</td><td>12</td></tr>', '    <tr><td>2020</td><td>15</td></tr>', '  </tbody>', '</table>'].join('\n');
    expect(parseMarkdown(text).children.map((block) => block.type)).toContain('code');
    expect(extract(text).tables.map((table) => [table.lines, column(table, 1)])).toEqual([[[1, 10], [12, 15]]]);
  });

  it('survives hostile spans: colspan=100000, rowspan=0, rowspan past the end', () => {
    const hostile = extract(
      '<table><tr><th>Year</th><th>Cases</th></tr><tr><td rowspan="0">2019</td><td colspan="100000">1</td></tr><tr><td>2</td></tr><tr><td rowspan="99">3</td></tr></table>',
    );
    // A thousand columns (the bound), nearly all empty: a grid that holds no data table, left as text.
    expect(hostile.tables).toEqual([]);
    expect(hostile.diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['a grid of mostly empty cells (traced from a picture?): left as text, not read as a table']);
    const { tables } = extract(
      '<table><tr><th>Year</th><th>Cases</th></tr><tr><td rowspan="0">2019</td><td colspan="3">1</td></tr><tr><td>2</td><td>4</td></tr><tr><td rowspan="99">3</td><td>5</td></tr></table>',
    );
    expect(tables[0]!.columns).toHaveLength(4);
    for (const row of tables[0]!.rows) expect(row.cells).toHaveLength(4);
  });

  it('reads a tabular from a fenced code block and a caption line in the same block', () => {
    const { tables } = extract(
      ['```latex', 'Table 3: Arrests', '\\begin{tabular}{lr}', 'Year & Arrests \\\\ \\hline', '2019 & 1{,}204 \\\\', '2020 & 987 \\\\', '\\end{tabular}', '```'].join('\n'),
    );
    expect(tables[0]).toMatchObject({ label: 'Table 3', title: 'Arrests', format: 'latex', lines: [1, 8] });
    expect(column(tables[0], 1)).toEqual([1204, 987]);
  });

  it('leaves a tabular that shares its paragraph with prose alone', () => {
    const text = ['As the table shows, arrests rose:', '\\begin{tabular}{lr}', 'Year & Arrests \\\\', '2019 & 12 \\\\', '\\end{tabular}'].join('\n');
    expect(extract(text).tables).toEqual([]);
  });

  it('joins parts across a "continued" caption, not across a paragraph of prose', () => {
    const part = (rows: string[]) => ['| Year | Cases |', '|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');
    const continued = [part(['2015 | 1', '2016 | 2']), 'Table 1 (continued)', part(['2017 | 3'])].join('\n\n');
    expect(extract(continued).tables.map((table) => table.rows.length)).toEqual([3]);
    const prose = [part(['2015 | 1', '2016 | 2']), 'Arrests rose in the following years as well.', part(['2017 | 3'])].join('\n\n');
    expect(extract(prose).tables.map((table) => table.rows.length)).toEqual([2, 1]);
    // A running header must occur more than once to be furniture: a one-off short line is a heading of the next table.
    const label = [part(['2015 | 1', '2016 | 2']), 'Northern provinces', part(['2017 | 3'])].join('\n\n');
    expect(extract(label).tables.map((table) => table.rows.length)).toEqual([2, 1]);
  });

  it('joins parts across marker page separators, page anchors and HTML comments', () => {
    const part = (rows: string[]) => ['| Year | Cases |', '|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');
    const text = [part(['2015 | 1', '2016 | 2']), '<!-- page 12 -->', '{12}------------------------------------------------', '<span id="page-12-0"></span>', part(['2017 | 3'])].join('\n\n');
    expect(extract(text).tables.map((table) => [table.lines, table.rows.length])).toEqual([[[1, 14], 3]]);
  });

  it('does not join a second part whose first row is a different header', () => {
    const text = ['| Region | 2015 | 2016 |', '|---|---|---|', '| North | 1 | 2 |', '', '12', '', '| Region | 2017 | 2018 |', '|---|---|---|', '| North | 3 | 4 |'].join('\n');
    expect(extract(text).tables).toHaveLength(2);
  });

  it('finds a GFM table in a list item and its caption in the same item', () => {
    const text = ['- Table 9. Cases', '', '  | Year | Cases |', '  |---|---|', '  | 2019 | 12 |', '', '- Next item'].join('\n');
    expect(extract(text).tables[0]).toMatchObject({ label: 'Table 9', title: 'Cases', lines: [3, 5] });
  });

  it('reads a header line that a rule of dashes made a setext heading, and a grid drawn with pipes and pluses', () => {
    const setext = ['Table 5. Arrests', 'Province          2019      2020', '--------------------------------', 'Hanoi              412       398', 'Hai Phong          688       702'].join('\n');
    expect(extract(setext).tables[0]).toMatchObject({ label: 'Table 5', format: 'aligned', lines: [1, 5], columns: [{ path: ['Province'] }, { path: ['2019'] }, { path: ['2020'] }] });
    const grid = ['```', '+------------+--------+', '| Province   |  2019  |', '+------------+--------+', '| Hanoi      |   412  |', '| Hai Phong  |   688  |', '+------------+--------+', '```'].join('\n');
    const { tables } = extract(grid);
    expect(tables.map((table) => [shape(table), column(table, 1)])).toEqual([[[['province', ['Province'], 'text'], ['2019', ['2019'], 'integer']], [412, 688]]]);
  });

  it('leaves pipe rows that are not aligned, and math arrays, alone', () => {
    const ragged = ['| Province | 2019 | 2020 |', '| Hanoi | 412 | 398 |', '| Ho Chi Minh City | 688 | 702 |', '| Hue | 1 | 2 |'].join('\n');
    expect(extract(ragged).tables).toEqual([]);
    expect(extract('$$\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}$$').tables).toEqual([]);
  });

  it('never reads prose, a table of contents or program code as an aligned table', () => {
    const text = [
      'Contents',
      '',
      '1. Introduction .............................. 3',
      '2. Methods ................................... 7',
      '3. Results .................................. 12',
      '',
      'Introduction                                   3',
      'Methods                                        7',
      'Results                                       12',
      '',
      '```python',
      'x = 1    # one',
      'yy = 22  # two',
      'zzz = 3  # three',
      '```',
      '',
      'The rate was 12.5  per cent in 2019,  13.1  per cent in 2020',
      'and 14.2  per cent  in 2021  according  to the  ministry  which  said',
      'that  numbers  rose  by  3  points.',
    ].join('\n');
    expect(extract(text).tables).toEqual([]);
  });
});

describe('the cleaning stage on the fixtures', () => {
  it.each(['pdftotext-aligned.md', 'nougat-latex.md', 'gfm-page-break.md', 'docling-chinese.md', 'marker-html.md'])(
    'replaces each table in %s by its clean GFM table and loses no word silently',
    (file) => {
      const { text, path, tables } = fixture(file);
      const source = sourceOf(text, path);
      const result = clean(source, tables);
      expect(lostWords(source.text, result.markdown, result.changes)).toEqual({});
      for (const table of tables.filter((table) => table.label !== null || table.title !== null)) expect(result.markdown).toContain(`<a id="${table.id}"></a>`);
      expect(result.markdown).not.toMatch(/<table|\\begin\{tabular\}|^12$/m);
    },
  );
});
