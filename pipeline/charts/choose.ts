/**
 * choose: which charts a table gets, decided from its data alone (no drawing here).
 *
 * - Rows: only `data` rows are plotted; `total` rows never, `section` rows are skipped, as are rows with no label.
 * - The label column: a first column of years or periods (`2019`, `half of 2019`, `2019 (6 months)`) makes a time
 *   axis (a line chart, or grouped bars up to 3 periods); a first text column makes categories (horizontal bars, sorted
 *   from highest to lowest when there is one series; at most 25 categories, the largest, so a chart fits a page).
 *   When the first column holds numbers, the first year column, else the first text column, labels the rows.
 * - Series: the numeric columns (integer, number, percent). Text columns and year columns are never plotted as values.
 *   A series whose every figure carries a parenthesised second figure gets that as a second series.
 * - Splits: grouped columns (`["Nationwide in Vietnam", "Cases"]`) give one panel per group; within a panel, series
 *   in different units (percent, or a unit the header ends with: `Seizures (kg)`) never share an axis, nor do
 *   series whose largest values differ more than 20 times; more than 8 series are spread over charts. At most 4
 *   charts per table: the charts of first figures before those of parenthesised ones.
 * - Partial periods (`half of 2019`, `H1 2020`, `2019 (6 months)`) are plotted but marked, unless every period is
 *   written that way (quarterly data is not partial).
 */
import type { TableCell, TableColumn, TableRecord, TableRow } from '../types.js';
import { SeriesColours } from './palette.js';
import { displayName, listNames } from './text.js';

export type ChartKind = 'line' | 'bar' | 'hbar';

export interface PlannedDataset {
  /** Legend label: the column's own header label, or `<label> (in parentheses)` for its second figures. */
  label: string;
  /** One value per label of the chart; null where the table has none. */
  values: Array<number | null>;
  /** Palette slot: one per series name across the table's charts. */
  slot: number;
  /** The parenthesised second figures of another series. */
  secondary: boolean;
}

export interface ChartPlan {
  kind: ChartKind;
  axis: 'time' | 'category';
  /** Title of the label axis: the label column's header. */
  axisTitle: string;
  /** Title of the value axis. */
  valueTitle: string;
  /** One label per point, as the summary and the axis show it (`half of 2019 (partial)`). */
  labels: string[];
  /** Per point: a partial period, drawn lighter. */
  partial: boolean[];
  datasets: PlannedDataset[];
  /** The column group a panel shows (`Nationwide in Vietnam`), or null. */
  group: string | null;
  percent: boolean;
  /** Every value is a whole number (ticks then never fall between them). */
  integer: boolean;
  /** A chart of parenthesised second figures only, split from their first figures by size. */
  secondaryOnly: boolean;
  /** For a category chart cut to the largest values: how many categories the table has; else null. */
  categoriesOf: number | null;
}

export interface ChartChoice {
  plans: ChartPlan[];
  /** Why the table gets no chart, when `plans` is empty. */
  skipped: string | null;
}

export const chartLimits = {
  /** Largest ratio between the largest values of two series drawn on one axis. */
  magnitude: 20,
  /** Charts per table. */
  charts: 4,
  /** Up to this many periods, a time chart is grouped bars rather than lines. */
  timeBars: 3,
  /** Categories in one horizontal bar chart: past it, the largest are shown (so a chart fits a printed page). */
  categories: 25,
  /** Bars in one horizontal bar chart: with several series, fewer categories. */
  bars: 36,
  /** Series in one chart: one palette's worth, so no two share a colour. */
  series: 8,
} as const;

const yearPattern = /(?<![\d.,])(1[5-9]\d\d|20\d\d|2100)(?![\d.,])/;
const partialPattern =
  /half|\(\s*\d+\s*months?\s*\)|(?<!\d)\d+\s*months?|\bH[12]\b|\d{4}\s*H[12]\b|\bQ[1-4]\b|\d{4}\s*Q[1-4]\b|partial|first|since|until|to date|\bytd\b|so far/i;

const month = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/** `Jan–Jun 2020`, `March-September 2019`: a part of a year (unless it runs January to December). */
const monthRangePattern = new RegExp(`\\b(${month})\\s*[-–]\\s*(${month})`, 'i');

const numericTypes = new Set<TableColumn['type']>(['integer', 'number', 'percent']);

interface Point {
  row: TableRow;
  label: string;
  year: number | null;
  partial: boolean;
}

interface LabelAxis {
  column: number;
  axis: 'time' | 'category';
  points: Point[];
}

interface Series {
  order: number;
  name: string;
  group: string | null;
  percent: boolean;
  unit: string;
  values: Array<number | null>;
  magnitude: number;
  secondary: { values: Array<number | null>; magnitude: number } | null;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
const isEmpty = (cell: TableCell | undefined) => !cell || cell.value === null || clean(cell.raw) === '';
const numberOf = (cell: TableCell | undefined): number | null => (cell && typeof cell.value === 'number' && Number.isFinite(cell.value) ? cell.value : null);
const magnitudeOf = (values: Array<number | null>) => values.reduce<number>((max, value) => (value === null ? max : Math.max(max, Math.abs(value))), 0);

/** Words a period may be written with besides its year: `half of 2019`, `FY 2019/20`, `Jan–Jun 2020 (estimated)`. */
const periodWords =
  /\b(?:first|second|third|fourth|last|half|quarter|months?|of|the|to|date|since|until|so|far|partial|ytd|fy|h[12]|q[1-4]|est|estimated|provisional|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\b/gi;

/** A cell that names a period: a year, perhaps with period words (`half of 2019`); not `Penal Code 2015`. */
function isPeriodText(raw: string): boolean {
  const text = clean(raw).replace(/(\d)([HQ]\d)/gi, '$1 $2');
  return text.length <= 40 && yearPattern.test(text) && text.replace(periodWords, '').replace(/\d+/g, '').replace(/[^\p{L}]/gu, '').length === 0;
}

/** `half of 2019` → 2019; `2015` → 2015; `Hanoi`, `Penal Code 2015` → null. */
export function periodYear(cell: TableCell | undefined): number | null {
  if (!cell) return null;
  if (typeof cell.value === 'number' && Number.isInteger(cell.value) && yearPattern.test(String(cell.value))) return cell.value;
  const match = yearPattern.exec(cell.raw);
  return match && isPeriodText(cell.raw) ? Number(match[1]) : null;
}

/** A period written as part of one (`half of 2019`, `2019 (6 months)`, `H1 2020`), not the bare year. */
export function isPartialPeriod(raw: string): boolean {
  const text = clean(raw);
  const monthRange = monthRangePattern.exec(text);
  const wholeYear = monthRange !== null && /^jan/i.test(monthRange[1]!) && /^dec/i.test(monthRange[2]!);
  return yearPattern.test(text) && !/^\d{4}$/.test(text) && (partialPattern.test(text) || (monthRange !== null && !wholeYear));
}

/** `half of 2019` → `half of 2019 (partial)`; `2019 (6 months)` → `2019 (6 months, partial)`. */
function partialLabel(label: string): string {
  return label.endsWith(')') ? `${label.slice(0, -1)}, partial)` : `${label} (partial)`;
}

function timeAxis(column: number, rows: TableRow[]): LabelAxis | null {
  const labelled = rows.filter((row) => !isEmpty(row.cells[column]));
  const years = labelled.map((row) => periodYear(row.cells[column]));
  if (labelled.length === 0 || years.some((year) => year === null)) return null;
  const raws = labelled.map((row) => clean(row.cells[column]!.raw));
  if (new Set(raws).size !== raws.length) return null;
  const partialRows = raws.map(isPartialPeriod);
  const allPartial = partialRows.every(Boolean);
  let points: Point[] = labelled.map((row, index) => {
    const partial = partialRows[index]! && !allPartial;
    return { row, label: partial ? partialLabel(raws[index]!) : raws[index]!, year: years[index]!, partial };
  });
  // Periods run forward in time, whichever way the table lists them; only when each row has its own year.
  if (new Set(years).size === years.length) points = [...points].sort((a, b) => a.year! - b.year!);
  return { column, axis: 'time', points };
}

function categoryAxis(column: number, rows: TableRow[]): LabelAxis | null {
  const labelled = rows.filter((row) => !isEmpty(row.cells[column]));
  const labels = labelled.map((row) => clean(row.cells[column]!.raw));
  if (labelled.length === 0 || new Set(labels).size !== labels.length) return null;
  return { column, axis: 'category', points: labelled.map((row, index) => ({ row, label: labels[index]!, year: null, partial: false })) };
}

function labelAxis(table: TableRecord, rows: TableRow[]): LabelAxis | string {
  const first = table.columns[0];
  if (first?.type === 'year') return timeAxis(0, rows) ?? 'the year column repeats a period';
  if (first?.type === 'text') {
    return timeAxis(0, rows) ?? categoryAxis(0, rows) ?? 'the first column repeats a label (one row per label is needed)';
  }
  const year = table.columns.findIndex((column) => column.type === 'year');
  if (year >= 0) return timeAxis(year, rows) ?? 'the year column repeats a period';
  const text = table.columns.findIndex((column) => column.type === 'text');
  if (text >= 0) return categoryAxis(text, rows) ?? 'the label column repeats a label (one row per label is needed)';
  return 'no column labels the rows (every column holds numbers)';
}

/** Greedy: largest first, each series joins the first cluster whose largest value is at most 20 times its own. */
function byMagnitude<T extends { order: number; magnitude: number }>(items: T[]): T[][] {
  const clusters: T[][] = [];
  for (const item of [...items].sort((a, b) => b.magnitude - a.magnitude || a.order - b.order)) {
    const home = clusters.find((cluster) => item.magnitude === 0 || cluster[0]!.magnitude <= chartLimits.magnitude * item.magnitude);
    if (home) home.push(item);
    else clusters.push([item]);
  }
  return clusters.map((cluster) => [...cluster].sort((a, b) => a.order - b.order)).sort((a, b) => a[0]!.order - b[0]!.order);
}

/** Clusters that may share an axis: one unit, sizes within 20 times. */
function axisClusters(series: Series[]): Series[][] {
  const units = [...new Set(series.map((item) => item.unit))];
  return units.flatMap((unit) => byMagnitude(series.filter((item) => item.unit === unit))).sort((a, b) => a[0]!.order - b[0]!.order);
}

/** What a column counts in, so different units never share an axis: `%` for percent, else a unit its label ends with. */
function unitOf(column: TableColumn, name: string): string {
  if (column.type === 'percent') return '%';
  const match = /[([]\s*([^()[\]]+?)\s*[)\]]$/.exec(name);
  return match ? match[1]!.toLowerCase() : '';
}

function valueTitle(names: string[], percent: boolean, integer: boolean): string {
  if (names.length === 1) return percent ? `${names[0]!} (%)` : names[0]!;
  if (percent) return 'Per cent';
  const joined = listNames(names);
  return joined.length <= 40 ? joined : integer ? 'Number' : 'Value';
}

interface Draft {
  group: string | null;
  datasets: Array<{ label: string; values: Array<number | null>; secondary: boolean; percent: boolean }>;
  secondaryOnly: boolean;
}

function drafts(series: Series[]): Draft[] {
  const groups: Array<string | null> = [];
  for (const item of series) if (!groups.includes(item.group)) groups.push(item.group);
  const result: Draft[] = [];
  for (const group of groups) {
    const clusters = axisClusters(series.filter((item) => item.group === group)).flatMap((cluster) =>
      Array.from({ length: Math.ceil(cluster.length / chartLimits.series) }, (_, index) =>
        cluster.slice(index * chartLimits.series, (index + 1) * chartLimits.series),
      ),
    );
    for (const cluster of clusters) {
      const top = cluster[0] ? Math.max(...cluster.map((item) => item.magnitude)) : 0;
      const datasets: Draft['datasets'] = [];
      const apart: Array<{ order: number; magnitude: number; item: Series }> = [];
      for (const item of cluster) {
        datasets.push({ label: item.name, values: item.values, secondary: false, percent: item.percent });
        if (!item.secondary) continue;
        const fits = item.secondary.magnitude === 0 || top <= chartLimits.magnitude * item.secondary.magnitude;
        if (fits) datasets.push({ label: `${item.name} (in parentheses)`, values: item.secondary.values, secondary: true, percent: item.percent });
        else apart.push({ order: item.order, magnitude: item.secondary.magnitude, item });
      }
      result.push({ group, datasets, secondaryOnly: false });
      for (const split of byMagnitude(apart)) {
        result.push({
          group,
          datasets: split.map(({ item }) => ({ label: `${item.name} (in parentheses)`, values: item.secondary!.values, secondary: true, percent: item.percent })),
          secondaryOnly: true,
        });
      }
    }
  }
  // At most 4 charts: first figures before parenthesised ones, then back in table order.
  const kept = new Set([...result.filter((draft) => !draft.secondaryOnly), ...result.filter((draft) => draft.secondaryOnly)].slice(0, chartLimits.charts));
  return result.filter((draft) => kept.has(draft));
}

function toPlan(draft: Draft, axis: LabelAxis, axisTitle: string, colours: SeriesColours): ChartPlan {
  const percent = draft.datasets.some((dataset) => dataset.percent);
  const integer = draft.datasets.every((dataset) => dataset.values.every((value) => value === null || Number.isInteger(value)));
  const base = {
    axis: axis.axis,
    axisTitle,
    valueTitle: valueTitle(
      draft.datasets.map((dataset) => dataset.label),
      percent,
      integer,
    ),
    group: draft.group,
    percent,
    secondaryOnly: draft.secondaryOnly,
  };
  const datasetsAt = (indices: number[]): PlannedDataset[] =>
    draft.datasets.map((dataset) => ({
      label: dataset.label,
      values: indices.map((index) => dataset.values[index] ?? null),
      slot: colours.slot(dataset.label),
      secondary: dataset.secondary,
    }));

  if (axis.axis === 'time') {
    const indices = axis.points.map((_, index) => index);
    return {
      ...base,
      kind: axis.points.length <= chartLimits.timeBars ? 'bar' : 'line',
      labels: axis.points.map((point) => point.label),
      partial: axis.points.map((point) => point.partial),
      datasets: datasetsAt(indices),
      integer,
      categoriesOf: null,
    };
  }

  // Categories: rows with a figure in this chart; one series → sorted from highest to lowest.
  let indices = axis.points.map((_, index) => index).filter((index) => draft.datasets.some((dataset) => dataset.values[index] !== null));
  const lead = draft.datasets[0]!.values;
  const room = Math.min(chartLimits.categories, Math.floor(chartLimits.bars / draft.datasets.length));
  const categoriesOf = indices.length > room ? indices.length : null;
  if (categoriesOf !== null) {
    const largest = new Set([...indices].sort((a, b) => (lead[b] ?? -Infinity) - (lead[a] ?? -Infinity) || a - b).slice(0, room));
    indices = indices.filter((index) => largest.has(index));
  }
  if (draft.datasets.length === 1) indices = [...indices].sort((a, b) => (lead[b] ?? -Infinity) - (lead[a] ?? -Infinity) || a - b);
  return {
    ...base,
    kind: 'hbar',
    labels: indices.map((index) => axis.points[index]!.label),
    partial: indices.map(() => false),
    datasets: datasetsAt(indices),
    integer,
    categoriesOf,
  };
}

/** Row labels of summary statistics: `Mean`, `SD`, `CV%`, `LSD (0.05)`, `N`, `Median`. */
const statisticLabel = /^(?:mean|average|avg\.?|sd|s\.d\.|std\.? ?dev\.?|standard deviation|se|s\.e\.|sem|cv ?%?|c\.v\.|lsd(?: ?\(?[\d.]+\)?)?|n|median|min\.?|max\.?|range|variance|平均|标准差|標準偏差)\s*:?$/iu;
/** Headers of columns that number or name rows rather than measure them. */
const identifierHeader = /^(?:no\.?|nr\.?|n°|#|id|code|codes|s\/n|sl\.? ?no\.?|sr\.? ?no\.?|rank|stt|tt|mã số|mã|số tt|thuyết minh|notes?|note no\.?|ref\.?|references?|page|pages|序号|编号|代码|附註|附注|番号|項番|nummer|lfd\.? nr\.?|anhang)$/iu;

/**
 * Why a numeric column is no measure to chart, or null: a row number or code (its header says so, or, as the
 * table's first column, it counts 1, 2, 3 … down the rows in table order), or one figure on every row (a constant,
 * such as the observation count).
 */
export function notMeasureReason(column: TableColumn, values: Array<number | null>, first = false): string | null {
  const own = column.path.at(-1) ?? column.key;
  const figures = values.filter((value): value is number => value !== null);
  if (identifierHeader.test(own.trim()) && figures.every(Number.isInteger)) return 'an identifier';
  if (first && figures.length >= 3 && figures.every((value, index) => value === index + 1)) return 'row numbers';
  if (figures.length >= 3 && figures.every((value) => value === figures[0])) return 'the same figure on every row';
  return null;
}

export function chooseCharts(table: TableRecord): ChartChoice {
  const skip = (reason: string): ChartChoice => ({ plans: [], skipped: reason });
  if (!table.columns.some((column) => numericTypes.has(column.type))) {
    return skip(table.columns.every((column) => column.type === 'text') ? 'only text columns' : 'no numeric columns besides years');
  }
  // Summary statistics under the data (`Mean`, `SD`, `LSD`) are no category beside the rows they sum up.
  const dataRows = table.rows.filter((row) => row.kind === 'data' && !row.cells.some((cell) => typeof cell.value === 'string' && statisticLabel.test(cell.value.trim())));
  if (dataRows.length < 2) return skip('fewer than 2 data rows');
  const axis = labelAxis(table, dataRows);
  if (typeof axis === 'string') return skip(axis);
  if (axis.points.length < 2) return skip('fewer than 2 data rows');

  const series: Series[] = [];
  const notMeasures: string[] = [];
  table.columns.forEach((column, index) => {
    if (index === axis.column || !numericTypes.has(column.type)) return;
    const cells = axis.points.map((point) => point.row.cells[index]);
    const values = cells.map(numberOf);
    if (values.every((value) => value === null)) return;
    const inTableOrder = dataRows.map((row) => numberOf(row.cells[index]));
    const notMeasure = notMeasureReason(column, inTableOrder, index === 0);
    if (notMeasure) {
      notMeasures.push(`${displayName(column.path.join(' / ') || column.key)} (${notMeasure})`);
      return;
    }
    const figures = cells.filter((cell) => numberOf(cell) !== null);
    const secondary = figures.every((cell) => typeof cell?.secondary === 'number' && Number.isFinite(cell.secondary))
      ? cells.map((cell) => (numberOf(cell) === null ? null : cell!.secondary!))
      : null;
    const path = column.path.length > 0 ? column.path : [column.key];
    const name = displayName(path[path.length - 1]!);
    series.push({
      order: index,
      name,
      group: path.length >= 2 ? path.slice(0, -1).map(displayName).join(' / ') : null,
      percent: column.type === 'percent',
      unit: unitOf(column, name),
      values,
      magnitude: magnitudeOf(values),
      secondary: secondary ? { values: secondary, magnitude: magnitudeOf(secondary) } : null,
    });
  });
  if (series.length === 0) return skip(notMeasures.length > 0 ? `no column of measures: ${notMeasures.join(', ')}` : 'no figures in the data rows');

  const labelColumn = table.columns[axis.column]!;
  const axisTitle = displayName(labelColumn.path.join(' / ') || labelColumn.key);
  const colours = new SeriesColours();
  // A chart needs two points with a figure (a row may lack one in the series a chart draws).
  const plans = drafts(series)
    .map((draft) => toPlan(draft, axis, axisTitle, colours))
    .filter((plan) => plan.labels.filter((_, index) => plan.datasets.some((dataset) => dataset.values[index] !== null)).length >= 2);
  return plans.length > 0 ? { plans, skipped: null } : skip('fewer than 2 data rows with figures');
}
