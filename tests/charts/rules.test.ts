/**
 * One small table per charting rule, written as Markdown and read by the real extractor.
 */
import { describe, expect, it } from 'vitest';
import { chartLimits, chartTable, chooseCharts } from '../../pipeline/charts/index.js';
import { isPartialPeriod } from '../../pipeline/charts/choose.js';
import { tableOf } from './tables.js';
import { analyseSource } from '../../pipeline/analyse.js';
import { sourceFiles } from '../../pipeline/source-files.js';

const font = 'Noto Sans';
const datasets = (plan: { datasets: Array<{ label: string; values: Array<number | null> }> }) =>
  plan.datasets.map((dataset) => ({ label: dataset.label, values: dataset.values }));

const provinces = `Table 3. Drug seizures by border province

| Province | Seizures |
|---|---|
| An Giang | 120 |
| Tay Ninh | 340 |
| Long An | 75 |
| Kien Giang province on the Gulf of Thailand, including Phu Quoc island | 210 |
| Dong Thap | 1,045 |
| Binh Phuoc | 12 |
| Total | 1,802 |

Source: Ministry of Public Security.
`;

describe('one numeric column over text categories', () => {
  it('is a horizontal bar chart sorted from highest to lowest, the Total row left out', () => {
    const { plans, skipped } = chooseCharts(tableOf(provinces));
    expect(skipped).toBeNull();
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ kind: 'hbar', axis: 'category', axisTitle: 'Province', valueTitle: 'Seizures', categoriesOf: null });
    expect(plans[0]!.labels).toEqual([
      'Dong Thap',
      'Tay Ninh',
      'Kien Giang province on the Gulf of Thailand, including Phu Quoc island',
      'An Giang',
      'Long An',
      'Binh Phuoc',
    ]);
    expect(datasets(plans[0]!)).toEqual([{ label: 'Seizures', values: [1045, 340, 210, 120, 75, 12] }]);
  });

  it('says so in its summary and carries the source line as its note', () => {
    const { charts } = chartTable(tableOf(provinces), { font });
    expect(charts.map((chart) => [chart.id, chart.summary, chart.note])).toEqual([
      [
        'table-3',
        'Bar chart of Seizures by Province, 6 categories from highest to lowest: Dong Thap at 1,045 down to Binh Phuoc at 12.',
        'Source: Ministry of Public Security.',
      ],
    ]);
  });

  it('keeps table order with several series, and shows only the largest 25 of many categories', () => {
    const two = tableOf('| Country | Arrests | Seizures |\n|---|---|---|\n| Vietnam | 400 | 350 |\n| Cambodia | 120 | 80 |\n| Thailand | 310 | 290 |\n');
    const [plan] = chooseCharts(two).plans;
    expect(plan).toMatchObject({ kind: 'hbar', labels: ['Vietnam', 'Cambodia', 'Thailand'] });
    expect(datasets(plan!)).toEqual([
      { label: 'Arrests', values: [400, 120, 310] },
      { label: 'Seizures', values: [350, 80, 290] },
    ]);

    const rows = Array.from({ length: 45 }, (_, index) => `| District ${index + 1} | ${(index * 7) % 45} |`).join('\n');
    const [many] = chooseCharts(tableOf(`| District | Cases |\n|---|---|\n${rows}\n`)).plans;
    expect(many!.labels).toHaveLength(chartLimits.categories);
    expect(many!.categoriesOf).toBe(45);
    expect(many!.datasets[0]!.values.slice(0, 3)).toEqual([44, 43, 42]);
    expect(chartTable(tableOf(`| District | Cases |\n|---|---|\n${rows}\n`), { font }).charts[0]!.summary).toBe(
      'Bar chart of Cases by District, the 25 largest of 45 categories from highest to lowest: District 33 at 44 down to District 36 at 20.',
    );
    // Two series: 36 bars at most, so the 18 categories largest in the first series, in table order.
    const pairs = Array.from({ length: 45 }, (_, index) => `| District ${index + 1} | ${(index * 7) % 45} | ${index} |`).join('\n');
    const [both] = chooseCharts(tableOf(`| District | Cases | Victims |\n|---|---|---|\n${pairs}\n`)).plans;
    expect(both!.labels).toHaveLength(18);
    expect(both!.labels.slice(0, 3)).toEqual(['District 5', 'District 6', 'District 7']);
    expect(both!.categoriesOf).toBe(45);
  });
});

describe('tables that get no chart, with the reason', () => {
  it('only text columns', () => {
    const table = tableOf('| Name | Comment |\n|---|---|\n| Hanoi | capital |\n| Hue | old capital |\n');
    expect(chartTable(table, { font })).toEqual({ charts: [], skipped: 'only text columns' });
  });

  it('fewer than 2 data rows (a total row does not count)', () => {
    const table = tableOf('| Region | Cases |\n|---|---|\n| North | 5 |\n| Total | 5 |\n');
    expect(chartTable(table, { font })).toEqual({ charts: [], skipped: 'fewer than 2 data rows' });
  });

  it('no column to label the rows', () => {
    const table = tableOf('| Cases | Objects |\n|---|---|\n| 5 | 7 |\n| 6 | 9 |\n');
    expect(chartTable(table, { font })).toEqual({ charts: [], skipped: 'no column labels the rows (every column holds numbers)' });
  });

  it('fewer than 2 rows with a figure', () => {
    const table = tableOf('| Region | Cases |\n|---|---|\n| North | 5 |\n| South | - |\n| West | n/a |\n');
    expect(chartTable(table, { font })).toEqual({ charts: [], skipped: 'fewer than 2 data rows with figures' });
  });

  it('a label repeated over rows (long-format data)', () => {
    const table = tableOf('| Country | Cases |\n|---|---|\n| Laos | 5 |\n| Laos | 6 |\n| Vietnam | 9 |\n');
    expect(chooseCharts(table).skipped).toBe('the first column repeats a label (one row per label is needed)');
  });
});

describe('rows', () => {
  it('plots data rows only: a Total row never, section rows are skipped', () => {
    const table = tableOf('| Region | Cases |\n|---|---|\n| North | |\n| Hanoi | 50 |\n| Lao Cai | 20 |\n| South | |\n| Can Tho | 35 |\n| Total | 105 |\n');
    expect(table.rows.map((row) => row.kind)).toEqual(['section', 'data', 'data', 'section', 'data', 'total']);
    const [plan] = chooseCharts(table).plans;
    expect(plan!.labels).toEqual(['Hanoi', 'Can Tho', 'Lao Cai']);
    expect(datasets(plan!)).toEqual([{ label: 'Cases', values: [50, 35, 20] }]);
  });

  it('takes a first text column of periods for time, but not names that carry a year', () => {
    const periods = tableOf('| Period | Cases |\n|---|---|\n| FY 2017/18 | 3 |\n| FY 2018/19 | 4 |\n| 2019Q1 | 1 |\n| Jan–Jun 2020 | 2 |\n');
    expect(chooseCharts(periods).plans[0]).toMatchObject({ axis: 'time', labels: ['FY 2017/18', 'FY 2018/19', '2019Q1 (partial)', 'Jan–Jun 2020 (partial)'] });
    const laws = tableOf('| Law | Articles |\n|---|---|\n| Penal Code 2015 | 426 |\n| Drug Law 2021 | 55 |\n');
    expect(chooseCharts(laws).plans[0]).toMatchObject({ axis: 'category', kind: 'hbar', labels: ['Penal Code 2015', 'Drug Law 2021'] });
  });

  it('puts periods in time order whichever way the table lists them', () => {
    const [plan] = chooseCharts(tableOf('| Year | Cases |\n|---|---|\n| 2019 | 3 |\n| 2018 | 2 |\n| 2017 | 1 |\n| 2016 | 0 |\n')).plans;
    expect(plan).toMatchObject({ kind: 'line', labels: ['2016', '2017', '2018', '2019'] });
    expect(plan!.datasets[0]!.values).toEqual([0, 1, 2, 3]);
  });
});

describe('time', () => {
  const shares = '| Period | Cases |\n|---|---|\n| 2017 | 10 |\n| 2018 | 12 |\n| 2019 (6 months) | 7 |\n';

  it('is grouped bars up to 3 periods, lines from 4', () => {
    expect(chooseCharts(tableOf(shares)).plans[0]!.kind).toBe('bar');
    expect(chooseCharts(tableOf(`${shares}| 2020 | 9 |\n`)).plans[0]!.kind).toBe('line');
  });

  it('marks a partial period in its label and draws its bar lighter', () => {
    const table = tableOf(shares);
    const [plan] = chooseCharts(table).plans;
    expect(plan).toMatchObject({ labels: ['2017', '2018', '2019 (6 months, partial)'], partial: [false, false, true] });
    const [chart] = chartTable(table, { font }).charts;
    expect(chart!.summary).toBe('Bar chart of Cases by Period, 2017 to 2019 (6 months, partial); the highest is Cases at 12 in 2018.');
    expect(chart!.svg.match(/fill-opacity:0\.34902/g)).toHaveLength(1);
  });

  it('knows partial periods by their wording, but not when every period is written so', () => {
    for (const raw of ['half of 2019', '2019 (6 months)', 'H1 2020', '2020 Q3', 'first half 2019', 'since March 2021', '2022 to date', 'Jan–Jun 2020', 'March-September 2019']) {
      expect(isPartialPeriod(raw), raw).toBe(true);
    }
    for (const raw of ['2019', '2015–2016', 'FY2019', 'Hanoi', 'Jan–Dec 2019']) expect(isPartialPeriod(raw), raw).toBe(false);
    const quarters = tableOf('| Quarter | Cases |\n|---|---|\n| Q1 2020 | 4 |\n| Q2 2020 | 5 |\n| Q3 2020 | 6 |\n| Q4 2020 | 5 |\n');
    expect(chooseCharts(quarters).plans[0]).toMatchObject({ axis: 'time', labels: ['Q1 2020', 'Q2 2020', 'Q3 2020', 'Q4 2020'], partial: [false, false, false, false] });
  });
});

describe('splits', () => {
  it('puts series more than 20 times apart in size on separate charts, and keeps those within 20 together', () => {
    const apart = tableOf('| Year | Arrests | Laws |\n|---|---|---|\n| 2016 | 1,500 | 2 |\n| 2017 | 2,001 | 3 |\n| 2018 | 1,800 | 100 |\n| 2019 | 1,700 | 4 |\n');
    expect(chooseCharts(apart).plans.map((plan) => plan.datasets.map((dataset) => dataset.label))).toEqual([['Arrests'], ['Laws']]);
    expect(chartTable(apart, { font }).charts.map((chart) => chart.id)).toEqual(['table-1', 'table-1-2']);
    const together = tableOf('| Year | Arrests | Laws |\n|---|---|---|\n| 2016 | 1,500 | 2 |\n| 2017 | 2,000 | 3 |\n| 2018 | 1,800 | 100 |\n| 2019 | 1,700 | 4 |\n');
    expect(chooseCharts(together).plans.map((plan) => plan.datasets.map((dataset) => dataset.label))).toEqual([['Arrests', 'Laws']]);
  });

  it('names every chart of a source apart: a second chart of Table 1 and a table labelled Table 1-2 write two files', () => {
    const apart = '| Year | Arrests | Laws |\n|---|---|---|\n| 2016 | 1,500 | 2 |\n| 2017 | 2,001 | 3 |\n| 2018 | 1,800 | 100 |\n| 2019 | 1,700 | 4 |\n';
    const seizures = '| Year | Seizures |\n|---|---|\n| 2016 | 10 |\n| 2017 | 12 |\n| 2018 | 14 |\n';
    const text = `# Charts\n\nTable 1. Arrests and laws\n\n${apart}\nTable 1-2. Seizures\n\n${seizures}`;
    const analysis = analyseSource({ path: 'sources/charts.md', name: 'charts.md', slug: 'charts', hash: 'charts', text });
    expect(analysis.tables.map((table) => table.id)).toEqual(['table-1', 'table-1-2']);
    const charts = sourceFiles(analysis).map((file) => file.path).filter((file) => file.endsWith('.svg'));
    expect(charts).toEqual(['charts/charts/table-1.svg', 'charts/charts/table-1-2-2.svg', 'charts/charts/table-1-2.svg']);
  });

  it('never puts percent and count series, or different units, on one axis; percent gets a % axis', () => {
    const table = tableOf(
      '| Country | Arrests | Share of arrests | Seizures (kg) |\n|---|---|---|---|\n| Vietnam | 400 | 50.5% | 350.5 |\n| Cambodia | 120 | 15.2% | 80.25 |\n| Thailand | 280 | 34.3% | 290 |\n',
    );
    const { plans } = chooseCharts(table);
    expect(plans.map((plan) => [plan.datasets[0]!.label, plan.percent, plan.valueTitle])).toEqual([
      ['Arrests', false, 'Arrests'],
      ['Share of arrests', true, 'Share of arrests (%)'],
      ['Seizures (kg)', false, 'Seizures (kg)'],
    ]);
    expect(chartTable(table, { font }).charts[1]!.summary).toBe(
      'Bar chart of Share of arrests by Country, 3 categories from highest to lowest: Vietnam at 50.5% down to Cambodia at 15.2%.',
    );
  });

  it('spreads more than 8 series over charts, so no two in one chart share a colour', () => {
    const names = Array.from({ length: 10 }, (_, index) => `S${index + 1}`);
    const text = `| Year | ${names.join(' | ')} |\n|---|${names.map(() => '---').join('|')}|\n| 2018 | ${names.map((_, index) => index + 1).join(' | ')} |\n| 2019 | ${names.map((_, index) => index + 2).join(' | ')} |\n`;
    const { plans } = chooseCharts(tableOf(text));
    expect(plans.map((plan) => plan.datasets.map((dataset) => dataset.label))).toEqual([names.slice(0, 8), names.slice(8)]);
    expect(plans.map((plan) => plan.datasets.map((dataset) => dataset.slot % 8))).toEqual([[0, 1, 2, 3, 4, 5, 6, 7], [0, 1]]);
  });

  it('draws at most 4 charts per table', () => {
    const text = [
      '| Year | North | | Centre | | South | | Highlands | | Delta | |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      '| | Cases | Victims | Cases | Victims | Cases | Victims | Cases | Victims | Cases | Victims |',
      '| 2017 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |',
      '| 2018 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 |',
      '',
    ].join('\n');
    const table = tableOf(text);
    expect(table.columns.map((column) => column.path.join('/'))).toContain('Delta/Victims');
    const { plans } = chooseCharts(table);
    expect(plans.map((plan) => plan.group)).toEqual(['North', 'Centre', 'South', 'Highlands']);
    expect(chartTable(table, { font }).charts.map((chart) => chart.id)).toEqual(['table-1', 'table-1-2', 'table-1-3', 'table-1-4']);
  });
});

describe('columns', () => {
  it('never plots a year column as values, nor text columns', () => {
    const table = tableOf('| Law | Year adopted | Articles | Scope |\n|---|---|---|---|\n| Penal Code | 2015 | 426 | all crimes |\n| Drug Law | 2021 | 55 | drugs |\n| Trafficking Law | 2011 | 58 | persons |\n');
    expect(table.columns.map((column) => column.type)).toEqual(['text', 'year', 'integer', 'text']);
    const { plans } = chooseCharts(table);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ kind: 'hbar', labels: ['Penal Code', 'Trafficking Law', 'Drug Law'] });
    expect(datasets(plans[0]!)).toEqual([{ label: 'Articles', values: [426, 58, 55] }]);
  });

  it('never plots row numbers, codes, a constant column or summary-statistic rows', () => {
    const numbered = tableOf('| No. | Item | Amount |\n|---|---|---|\n| 1 | Cash | 120 |\n| 2 | Receivables | 340 |\n| 3 | Inventory | 75 |\n');
    expect(datasets(chooseCharts(numbered).plans[0]!)).toEqual([{ label: 'Amount', values: [340, 120, 75] }]);
    const coded = tableOf('| Chỉ tiêu | Mã số | Số cuối năm |\n|---|---|---|\n| Tiền | 110 | 5 200 |\n| Phải thu | 130 | 1 900 |\n| Hàng tồn kho | 140 | 7 400 |\n');
    expect(datasets(chooseCharts(coded).plans[0]!)).toEqual([{ label: 'Số cuối năm', values: [7400, 5200, 1900] }]);
    const counted = tableOf('| Model | Estimate | Observations |\n|---|---|---|\n| OLS | 0.41 | 812 |\n| IV | 0.57 | 812 |\n| FE | 0.33 | 812 |\n');
    expect(datasets(chooseCharts(counted).plans[0]!)).toEqual([{ label: 'Estimate', values: [0.57, 0.41, 0.33] }]);
    const summarised = tableOf('| Variety | Yield |\n|---|---|\n| A1 | 4.2 |\n| B7 | 5.1 |\n| C3 | 3.8 |\n| Mean | 4.37 |\n| SD | 0.66 |\n| LSD (0.05) | 0.9 |\n');
    expect(chooseCharts(summarised).plans[0]!.labels).toEqual(['B7', 'A1', 'C3']);
    const onlyCodes = tableOf('| Item | Code |\n|---|---|\n| Cash | 110 |\n| Receivables | 130 |\n| Inventory | 140 |\n');
    expect(chooseCharts(onlyCodes)).toEqual({ plans: [], skipped: 'no column of measures: Code (an identifier)' });
  });

  it('adds parenthesised figures as a second series only when every figure has one', () => {
    const every = tableOf('| Year | Prosecutions |\n|---|---|\n| 2016 | 357 (113) |\n| 2017 | 427 (53) |\n| 2018 | 500 (60) |\n| 2019 | 610 (70) |\n');
    expect(datasets(chooseCharts(every).plans[0]!)).toEqual([
      { label: 'Prosecutions', values: [357, 427, 500, 610] },
      { label: 'Prosecutions (in parentheses)', values: [113, 53, 60, 70] },
    ]);
    const some = tableOf('| Year | Prosecutions |\n|---|---|\n| 2016 | 357 (113) |\n| 2017 | 427 |\n| 2018 | 500 (60) |\n| 2019 | 610 |\n');
    expect(datasets(chooseCharts(some).plans[0]!)).toEqual([{ label: 'Prosecutions', values: [357, 427, 500, 610] }]);
  });
});
