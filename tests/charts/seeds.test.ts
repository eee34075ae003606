/**
 * The charts of both seeds' tables: which charts, what they draw, and their text alternatives, exactly.
 */
import { describe, expect, it } from 'vitest';
import { chartTable, chooseCharts } from '../../pipeline/charts/index.js';
import { seedTables } from './tables.js';

const font = 'Noto Sans';
const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => String(from + index));
const datasets = (plan: { datasets: Array<{ label: string; values: Array<number | null> }> }) =>
  plan.datasets.map((dataset) => ({ label: dataset.label, values: dataset.values }));

describe('anti-drug Table 1: Time (2015 … half of 2019), Cases, Objects and a text column', () => {
  const [table] = seedTables('anti-drug-cooperation.md');

  it('gets one line chart of Cases and Objects over time, the half year marked partial, the text column left out', () => {
    const { plans, skipped } = chooseCharts(table!);
    expect(skipped).toBeNull();
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      kind: 'line',
      axis: 'time',
      axisTitle: 'Time',
      valueTitle: 'Cases and Objects',
      group: null,
      percent: false,
      integer: true,
      secondaryOnly: false,
      labels: ['2015', '2016', '2017', '2018', 'half of 2019 (partial)'],
      partial: [false, false, false, false, true],
    });
    expect(datasets(plans[0]!)).toEqual([
      { label: 'Cases', values: [405, 602, 1223, 1537, 32] },
      { label: 'Objects', values: [567, 890, 1986, 2626, 60] },
    ]);
  });

  it('renders it as table-1 with a one-sentence summary and no note', () => {
    const { charts, skipped } = chartTable(table!, { font });
    expect(skipped).toBeNull();
    expect(charts.map((chart) => [chart.id, chart.summary, chart.note])).toEqual([
      ['table-1', 'Line chart of Cases and Objects by Time, 2015 to half of 2019 (partial); the highest is Objects at 2,626 in 2018.', null],
    ]);
  });

  it('draws the partial period lighter and the line into it dashed', () => {
    const [chart] = chartTable(table!, { font }).charts;
    // One dashed segment per series, and one lighter point per series (cairo writes alpha 0.35 as 0.34902).
    expect(chart!.svg.match(/stroke-dasharray:6,4/g)).toHaveLength(2);
    expect(chart!.svg.match(/fill-opacity:0\.34902/g)).toHaveLength(2);
  });
});

describe('human-trafficking Fig 2: Year 2009–2015, figures with parenthesised second figures, legislation counts', () => {
  const [figure] = seedTables('human-trafficking-cooperation.md');

  it('splits by size: the three large series, their parenthesised figures, and legislation (0–10) on its own', () => {
    const { plans } = chooseCharts(figure!);
    expect(plans.map((plan) => [plan.kind, plan.secondaryOnly, plan.valueTitle])).toEqual([
      ['line', false, 'Number'],
      ['line', true, 'Number'],
      ['line', false, 'New or amended legislation'],
    ]);
    for (const plan of plans) expect(plan.labels).toEqual(years(2009, 2015));
    expect(datasets(plans[0]!)).toEqual([
      { label: 'Prosecutions', values: [357, 427, 2127, 1682, 2460, 1938, 3281] },
      { label: 'Convictions', values: [256, 177, 978, 1251, 1271, 969, 1730] },
      { label: 'Victims identified', values: [5238, 2597, 8454, 8521, 7886, 6349, 13990] },
    ]);
    // Victims identified has no parenthesised figure in 2009 and 2010: its second figures are not drawn.
    expect(datasets(plans[1]!)).toEqual([
      { label: 'Prosecutions (in parentheses)', values: [113, 53, 55, 115, 188, 88, 193] },
      { label: 'Convictions (in parentheses)', values: [72, 9, 55, 103, 39, 16, 130] },
    ]);
    expect(datasets(plans[2]!)).toEqual([{ label: 'New or amended legislation', values: [3, 0, 4, 4, 3, 3, 10] }]);
  });

  it('renders fig-2, fig-2-2 and fig-2-3 with the source note', () => {
    const { charts, skipped } = chartTable(figure!, { font });
    expect(skipped).toBeNull();
    expect(charts.map((chart) => [chart.id, chart.summary])).toEqual([
      ['fig-2', 'Line chart of Prosecutions, Convictions and Victims identified by Year, 2009 to 2015; the highest is Victims identified at 13,990 in 2015.'],
      [
        'fig-2-2',
        'Line chart of Prosecutions (in parentheses) and Convictions (in parentheses) by Year, 2009 to 2015; the highest is Prosecutions (in parentheses) at 193 in 2015.',
      ],
      ['fig-2-3', 'Line chart of New or amended legislation by Year, 2009 to 2015; the highest is New or amended legislation at 10 in 2015.'],
    ]);
    for (const chart of charts) expect(chart.note).toBe('Sources: US Department of State; Trafficking in Persons Report');
  });
});

describe('human-trafficking Table 1: three column groups of Cases/Objects/Victims, 2015–2019, a Total row', () => {
  const [, table] = seedTables('human-trafficking-cooperation.md');

  it('gets one panel per group, the Total row not plotted', () => {
    const { plans } = chooseCharts(table!);
    expect(plans.map((plan) => [plan.kind, plan.group, plan.valueTitle])).toEqual([
      ['line', 'Nationwide in Vietnam', 'Cases, Objects and Victims'],
      ['line', 'Vietnam-Cambodia border', 'Cases, Objects and Victims'],
      ['line', 'Vietnam-Cambodia Cooperation', 'Cases, Objects and Victims'],
    ]);
    for (const plan of plans) expect(plan.labels).toEqual(years(2015, 2019));
    expect(plans.map(datasets)).toEqual([
      [
        { label: 'Cases', values: [407, 354, 376, 211, 318] },
        { label: 'Objects', values: [489, 463, 568, 276, 475] },
        { label: 'Victims', values: [1000, 927, 965, 386, 687] },
      ],
      [
        { label: 'Cases', values: [62, 48, 51, 36, 45] },
        { label: 'Objects', values: [121, 92, 112, 51, 69] },
        { label: 'Victims', values: [232, 201, 169, 88, 128] },
      ],
      [
        { label: 'Cases', values: [7, 10, 11, 16, 17] },
        { label: 'Objects', values: [18, 26, 19, 33, 34] },
        { label: 'Victims', values: [23, 27, 38, 62, 71] },
      ],
    ]);
  });

  it('gives one series one colour in every panel', () => {
    const { plans } = chooseCharts(table!);
    for (const plan of plans) expect(plan.datasets.map((dataset) => dataset.slot)).toEqual([0, 1, 2]);
  });

  it('renders table-1, table-1-2 and table-1-3, each summary naming its group', () => {
    const { charts } = chartTable(table!, { font });
    expect(charts.map((chart) => [chart.id, chart.summary, chart.note])).toEqual([
      ['table-1', 'Line chart of Cases, Objects and Victims (Nationwide in Vietnam) by Year, 2015 to 2019; the highest is Victims at 1,000 in 2015.', null],
      ['table-1-2', 'Line chart of Cases, Objects and Victims (Vietnam-Cambodia border) by Year, 2015 to 2019; the highest is Victims at 232 in 2015.', null],
      ['table-1-3', 'Line chart of Cases, Objects and Victims (Vietnam-Cambodia Cooperation) by Year, 2015 to 2019; the highest is Victims at 71 in 2019.', null],
    ]);
  });
});
