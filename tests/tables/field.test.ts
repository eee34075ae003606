/**
 * Real converter mess, reproduced in small made-up tables: the forms the fidelity corpus (npm run fidelity) showed.
 * Each case is read as a reader reads it, or kept as text with a check when nothing says how to read it.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../pipeline/parse.js';
import { extractTables } from '../../pipeline/tables/index.js';
import type { TableRecord } from '../../pipeline/types.js';

function extract(text: string) {
  return extractTables({ path: 'sources/field.md', name: 'sources/field.md', slug: 'field', text, hash: '' }, parseMarkdown(text));
}
const first = (text: string): TableRecord => extract(text).tables[0]!;
const paths = (table: TableRecord) => table.columns.map((column) => column.path);
const values = (table: TableRecord, column: number) => table.rows.map((row) => row.cells[column]!.value);

describe('numbers as converters write them', () => {
  it('never reads a leading 0. as a thousands group, and marks are not digits', () => {
    const table = first('| Variable | Coefficient |\n| --- | --- |\n| Age | 0.412 |\n| Income | 1.873*** |\n| Female | 0.071 |\n| Urban | 2.345** |');
    expect(values(table, 1)).toEqual([0.412, 1.873, 0.071, 2.345]);
    expect(table.rows[1]!.cells[1]!.raw).toBe('1.873***');
  });

  it('keeps 1.873 as text with a check when nothing in the table or source says decimal or thousands', () => {
    const table = first('| Model | Score |\n| --- | --- |\n| A | 1.873 |\n| B | 2.345 |');
    expect(values(table, 1)).toEqual(['1.873', '2.345']);
    expect(table.columns[1]!.type).toBe('text');
    expect(table.checks).toEqual([
      { kind: 'doubtful-number', column: 'score', message: 'Column "Score": "1.873" may be a decimal or a number in thousands, and no other figure says which: 2 cells kept as text' },
    ]);
  });

  it('reads 1.873 from the rest of the table: beside 12.5 a decimal, beside 1.234.567 thousands, beside 927 thousands', () => {
    expect(values(first('| A | B | C |\n| --- | --- | --- |\n| x | 1.873 | 12.5 |\n| y | 2.345 | 3.25 |'), 1)).toEqual([1.873, 2.345]);
    expect(values(first('| A | B | C |\n| --- | --- | --- |\n| x | 1.873 | 1.234.567 |\n| y | 2.345 | 2.000.000 |'), 1)).toEqual([1873, 2345]);
    expect(values(first('| A | B |\n| --- | --- |\n| x | 1.000 |\n| y | 927 |'), 1)).toEqual([1000, 927]);
  });

  it('reads 1.203 as thousands in German prose and 4,16 under a note header in Chinese as text', () => {
    const german = 'Die Zahl der Fälle ist in den Jahren nach der Reform nicht gesunken, und die Polizei hat mit den Ländern die Daten für das Jahr ausgewertet, die von der Behörde auf der Seite des Amtes stehen.\n\n| Land | Fälle |\n| --- | --- |\n| Nord | 1.203 |\n| Süd | 3.150 |';
    expect(values(first(german), 1)).toEqual([1203, 3150]);
    const chinese = '本集團的收入按分部列示如下，各分部的經營利潤已在附註中說明。收入確認政策與上年度一致，未發生重大變動。\n\n| 項目 | 附註 | 金額 |\n| --- | --- | --- |\n| 收入 | 4,16 | 1,234 |\n| 成本 | 5 | 567 |';
    const table = first(chinese);
    expect(values(table, 1)).toEqual(['4,16', 5]);
    expect(values(table, 2)).toEqual([1234, 567]);
  });

  it('keeps reference lists and note references as text, never decimals or negatives', () => {
    expect(values(first('| Organism | Reference |\n| --- | --- |\n| E. coli | 54 |\n| B. subtilis | 56,57 |\n| A. niger | 58 |'), 1)).toEqual([54, '56,57', 58]);
    const notes = first('| Posten | Anhang | 2023 |\n| --- | --- | --- |\n| Forderungen | (2) | 14.277 |\n| Vorräte | (3) | 1.540 |');
    expect(values(notes, 1)).toEqual(['(2)', '(3)']);
    expect(notes.columns[1]!.type).toBe('text');
  });

  it('reads currency, accounting negatives, △, ± and superscript marks', () => {
    const table = first('| Item | Amount | Change | Mean |\n| --- | --- | --- | --- |\n| Sales | $13,005.00 | (1,234) | 12.3 ± 0.4 |\n| Cost | $ 2,100.50 | △12 | 45ᵃ |\n| Tax | 17.25 | 12.3† | 0.05^{**} |');
    expect(values(table, 1)).toEqual([13005, 2100.5, 17.25]);
    expect(values(table, 2)).toEqual([-1234, -12, 12.3]);
    expect(values(table, 3)).toEqual([12.3, 45, 0.05]);
    expect(table.rows[0]!.cells[3]).toEqual({ raw: '12.3 ± 0.4', value: 12.3, secondary: 0.4 });
  });
});

describe('headers as converters flatten them', () => {
  it('takes the row of sub-labels under a label repeated over its columns into the header', () => {
    const table = first(
      '| No. | Party | Provisional | Provisional | Official | Official | Difference |\n|---|---|---|---|---|---|---|\n|  |  | Communes | Candidates | Communes | Candidates |  |\n| 1 | Red | 1,652 | 28,008 | 1,652 | 28,008 | 0 |\n| 2 | Blue | 1,649 | 23,679 | 1,623 | 23,939 | +260 |',
    );
    expect(paths(table)).toEqual([['No.'], ['Party'], ['Provisional', 'Communes'], ['Provisional', 'Candidates'], ['Official', 'Communes'], ['Official', 'Candidates'], ['Difference']]);
    expect(values(table, 3)).toEqual([28008, 23679]);
  });

  it('spreads two group labels over a header row shorter than the body, years below them', () => {
    const table = first(
      '|  | Three Months Ended | Nine Months Ended |\n|---|---|---|\n|  | 2024 | 2023 | 2024 | 2023 |\n| Revenues | $18,831 | $18,582 | $53,821 | $57,879 |\n| Leasing | 446 | 489 | 1,380 | 1,620 |',
    );
    expect(paths(table)).toEqual([['Column 1'], ['Three Months Ended', '2024'], ['Three Months Ended', '2023'], ['Nine Months Ended', '2024'], ['Nine Months Ended', '2023']]);
    expect(values(table, 3)).toEqual([53821, 1380]);
  });

  it('sets labels centred over their columns on the columns the rows below label, three levels deep', () => {
    const table = first(
      [
        '| Schedule | Method | Subspace |  |  | CIFAR-10 |  |  |  | CIFAR-100 |  |',
        '|---|---|---|---|---|---|---|---|---|---|---|',
        '|  |  |  |  | Robust |  | Natural |  | Robust |  | Natural |',
        '|  |  |  | Best | Final | Best | Final | Best | Final | Best | Final |',
        '| cyclic | Fast AT | - | 45.82 | 45.69 | 82.36 | 83.26 | 16.72 | 0.00 | 34.51 | 47.23 |',
        '| piecewise | Free AT | - | 47.30 | 47.00 | 79.37 | 79.98 | 23.50 | 22.93 | 50.91 | 51.64 |',
      ].join('\n'),
    );
    expect(paths(table).slice(3)).toEqual([
      ['CIFAR-10', 'Robust', 'Best'], ['CIFAR-10', 'Robust', 'Final'], ['CIFAR-10', 'Natural', 'Best'], ['CIFAR-10', 'Natural', 'Final'],
      ['CIFAR-100', 'Robust', 'Best'], ['CIFAR-100', 'Robust', 'Final'], ['CIFAR-100', 'Natural', 'Best'], ['CIFAR-100', 'Natural', 'Final'],
    ]);
    expect(values(table, 9)).toEqual([34.51, 50.91]);
  });

  it('spreads group labels set beside each other over a repeating row of sub-labels', () => {
    const table = first('| Survey | Men | Women |  |  |\n|---|---|---|---|---|\n| Variable | n | Cases, n (%) | n | Cases, n (%) |\n| Overall | 45,102 | 3,130 (6.94) | 44,439 | 3,355 (7.55) |\n| 2005 | 8,567 | 596 (6.96) | 8,450 | 592 (7.01) |');
    expect(paths(table)).toEqual([['Survey', 'Variable'], ['Men', 'n'], ['Men', 'Cases, n (%)'], ['Women', 'n'], ['Women', 'Cases, n (%)']]);
    expect(table.rows[0]!.cells[4]).toEqual({ raw: '3,355 (7.55)', value: 3355, secondary: 7.55 });
  });

  it('reads <br> in a header cell as a space, and Col1 placeholders as no label', () => {
    expect(paths(first('| Country | GATS XVII<br>Reservation<br>(1994) |\n|---|---|\n| Austria | Y |\n| Brazil | N |'))).toEqual([['Country'], ['GATS XVII Reservation (1994)']]);
    const table = first('|Col1|Col2|Col3|\n|---|---|---|\n|Parameter||Value|\n|R θJA|Junction-to-ambient|38.9|\n|ψ JB|Junction-to-board|16.6|');
    expect(paths(table)).toEqual([['Parameter'], ['Column 2'], ['Value']]);
    expect(values(table, 2)).toEqual([38.9, 16.6]);
  });
});

describe('LaTeX, units and placeholders in cells', () => {
  it('reads inline math in header and body cells as what it prints, money left alone', () => {
    const table = first('| Pair | ZH $ \\Leftrightarrow $XX | Loss $\\downarrow$ | Price |\n|---|---|---|---|\n| A | $0.7530$ | 0.12 $ ^{*} $ | $12 to $15 |');
    expect(paths(table)).toEqual([['Pair'], ['ZH ⇔ XX'], ['Loss ↓'], ['Price']]);
    expect(table.rows[0]!.cells.map((cell) => cell.value)).toEqual(['A', 0.753, 0.12, '$12 to $15']);
  });

  it('reads past a row of units over several columns, a negative percent in brackets and 不適用', () => {
    const table = first(
      '<table><tr><td></td><td colspan="2">2025</td><td></td></tr><tr><td></td><td>人民幣</td><td>美元</td><td>%同比變動</td></tr><tr><td></td><td colspan="3">(以百萬計,百分比除外)</td></tr><tr><td>收入</td><td>247,795</td><td>34,808</td><td>(43)%</td></tr><tr><td>其他</td><td>1,234</td><td>173</td><td>不適用</td></tr></table>',
    );
    expect(paths(table)).toEqual([['Column 1'], ['2025', '人民幣'], ['2025', '美元'], ['%同比變動']]);
    expect(values(table, 3)).toEqual([-43, null]);
  });
});

describe('units after figures', () => {
  it('reads a column whose figures share one unit, and keeps mixed units and magnitudes as text', () => {
    const table = first('| Nutrient | per 100 g | Disk | Batch |\n|---|---|---|---|\n| Fat | 49.9 g | 3.3 TB | 4M |\n| Salt | 0.0 g | 783 GB | 2M |');
    expect(values(table, 1)).toEqual([49.9, 0]);
    expect(table.rows[0]!.cells[1]!.raw).toBe('49.9 g');
    expect(values(table, 2)).toEqual(['3.3 TB', '783 GB']);
    expect(values(table, 3)).toEqual(['4M', '2M']);
  });

  it('reads LaTeX escapes that an HTML cell kept (`\\%`) as the character', () => {
    const table = first('<table><tr><td>沪深300对比</td><td>1M</td></tr><tr><td>绝对涨幅(\\%)</td><td>7.18</td></tr><tr><td>相对涨幅(\\%)</td><td>5.01</td></tr></table>');
    expect(values(table, 0)).toEqual(['绝对涨幅(%)', '相对涨幅(%)']);
  });
});

describe('grids that hold no data table', () => {
  it("leaves a figure's labels, a grid of empty cells and a contents list as text, each with a warning", () => {
    const chart = '|10 5 2 Load 4 Load 2 1 0.5 (%) 0.2 0.1 THD+N 0.05 0.02 0.01 20 100 1k 10k 20k Frequency (Hz) Figure 5-1. THD vs Frequency|Figure 5-2|\n|---|---|\n|100 1% THD 2 load 90 1% THD 4 load 80 10% THD 70 (W) 60 power 50 40 Output 30 20 10 0 5 7 9 11 Supply Voltage (V) Figure 5-3|Figure 5-4|';
    const empty = '|Col1|4|Lo|oad|Col5|Col6|\n|---|---|---|---|---|---|\n||4|Lo|ad|||\n|||||||\n|||||||\n|||||||';
    const contents = '| Section | Page |\n|---|---|\n| 1 Features ........ | 1 |\n| 2 Applications ........ | 1 |\n| 3 Description ........ | 2 |';
    const { tables, diagnostics } = extract([chart, empty, contents].join('\n\ntext\n\n'));
    expect(tables).toEqual([]);
    expect(diagnostics.map((diagnostic) => `${diagnostic.line}: ${diagnostic.message}`)).toEqual([
      "1: a figure's labels written as a grid: left as text, not read as a table",
      '7: a grid of mostly empty cells (traced from a picture?): left as text, not read as a table',
      '16: a table of contents: left as text, not read as a table',
    ]);
  });

  it('joins the parts of a table across a repeated page footer of many lines and the page picture', () => {
    const footer = 'www.example.com\nAMP-100\nDOC-17 – MARCH 2025\nSubmit Feedback';
    const part = (rows: string) => `|PARAMETER|TEST CONDITIONS|MIN|UNIT|\n|---|---|---|---|\n${rows}`;
    const text = [part('|IDD|Idle|22|mA|'), footer, '![Table (page 8)](./images/p8.png)', part('|IPP|Playing|47|mA|'), footer, footer].join('\n\n');
    const { tables } = extract(text);
    expect(tables).toHaveLength(1);
    expect(values(tables[0]!, 0)).toEqual(['IDD', 'IPP']);
  });
});
