/**
 * Findings of one table: sentences computed from its records only, numbers quoted as the table shows them.
 * - per numeric series over the periods: the largest and smallest full period, and the change from the first full
 *   period to the last (a partial period such as `half of 2019` is never compared, and is named as partial);
 * - for grouped columns that nest (every data row's inner value ≤ outer value, for every measure the groups share):
 *   the inner group's share of the outer one over the whole table;
 * - the table's own checks, as warnings.
 */
import type { TableCheck, TableColumn, TableRecord } from '../types.js';
import {
  columnName,
  formatNumber,
  formatPercent,
  formatValue,
  groupOf,
  labelText,
  listText,
  measureOf,
  verbFor,
} from './format.js';
import { chronological, periodColumn, periodsOf, type Period } from './periods.js';

export type FindingKind = 'peak' | 'change' | 'share' | 'partial' | 'check';

export interface Finding {
  kind: FindingKind;
  /** For `peak` and `change`: which series (0 = the first chosen); for `share`: which nesting. */
  order: number;
  text: string;
}

/** How many series a table's findings speak about. */
export const maxSeries = 3;

const numericTypes = new Set(['integer', 'number', 'percent']);

export function tableFindingList(table: TableRecord): Finding[] {
  const periods = periodsOf(table);
  const findings: Finding[] = [];
  seriesColumns(table).forEach((column, order) => findings.push(...seriesFindings(table, column, periods, order)));
  findings.push(...shareFindings(table, periods));
  const partial = periods.filter((period) => period.partial);
  if (partial.length > 0 && findings.some((finding) => finding.kind === 'peak' || finding.kind === 'change')) {
    const labels = listText(partial.map((period) => `“${period.label}”`));
    findings.push({
      kind: 'partial',
      order: 0,
      text:
        partial.length === 1
          ? `The row ${labels} covers only part of a period and is left out of these comparisons.`
          : `The rows ${labels} cover only part of a period and are left out of these comparisons.`,
    });
  }
  table.checks.forEach((check, order) => findings.push({ kind: 'check', order, text: checkSentence(table, check) }));
  return findings;
}

/** The numeric columns the findings follow: ungrouped ones first, then the first measure of each group; at most three. */
export function seriesColumns(table: TableRecord): TableColumn[] {
  const periodIndex = periodColumn(table);
  if (periodIndex < 0) return [];
  const numeric = table.columns.filter((column, index) => index !== periodIndex && numericTypes.has(column.type));
  const ungrouped = numeric.filter((column) => groupOf(column) === null);
  const seen = new Set<string>();
  const groupFirsts = numeric.filter((column) => {
    const group = groupOf(column);
    if (group === null || seen.has(group)) return false;
    seen.add(group);
    return true;
  });
  return [...ungrouped, ...groupFirsts].slice(0, maxSeries);
}

/** `Cases` for an ungrouped column, `Cases (Nationwide in Vietnam)` for a grouped one. */
function seriesLabel(column: TableColumn): string {
  const group = groupOf(column);
  return group === null ? measureOf(column) : `${measureOf(column)} (${group})`;
}

interface Point {
  period: Period;
  value: number;
}

function seriesFindings(table: TableRecord, column: TableColumn, periods: Period[], order: number): Finding[] {
  const index = table.columns.indexOf(column);
  const points: Point[] = chronological(periods.filter((period) => !period.partial)).flatMap((period) => {
    const value = table.rows[period.row]?.cells[index]?.value;
    return typeof value === 'number' && Number.isFinite(value) ? [{ period, value }] : [];
  });
  if (points.length < 2) return [];
  const label = seriesLabel(column);
  const verb = verbFor(measureOf(column));
  const show = (value: number) => formatValue(value, column);
  const findings: Finding[] = [];

  const values = points.map((point) => point.value);
  const max = Math.max(...values);
  const min = Math.min(...values);
  if (max !== min) {
    const at = (value: number) => listText(points.filter((point) => point.value === value).map((point) => point.period.label));
    findings.push({
      kind: 'peak',
      order,
      text: `${label} peaked at ${show(max)} in ${at(max)} and ${verb} lowest at ${show(min)} in ${at(min)}.`,
    });
  }

  const first = points[0]!;
  const last = points[points.length - 1]!;
  const span = `From ${first.period.label} to ${last.period.label}`;
  if (first.value === last.value) {
    findings.push({ kind: 'change', order, text: `${span} ${label} ${verb} unchanged at ${show(first.value)}.` });
  } else if (column.type === 'percent') {
    const points = Math.abs(last.value - first.value);
    findings.push({
      kind: 'change',
      order,
      text: `${span} ${label} ${last.value > first.value ? 'rose' : 'fell'} ${formatPercent(points)} percentage points, from ${show(first.value)} to ${show(last.value)}.`,
    });
  } else if (first.value > 0 && last.value >= 0) {
    const change = ((last.value - first.value) / first.value) * 100;
    findings.push({
      kind: 'change',
      order,
      text: `${span} ${label} ${change > 0 ? 'rose' : 'fell'} ${formatPercent(Math.abs(change))}%, from ${show(first.value)} to ${show(last.value)}.`,
    });
  }
  return findings;
}

interface Group {
  name: string;
  /** Measure label → column index. */
  columns: Map<string, number>;
  /** Measure labels in column order. */
  measures: string[];
}

function groupsOf(table: TableRecord): Group[] {
  const groups = new Map<string, Group>();
  table.columns.forEach((column, index) => {
    const name = groupOf(column);
    if (name === null || !numericTypes.has(column.type)) return;
    const group = groups.get(name) ?? { name, columns: new Map<string, number>(), measures: [] };
    const measure = measureOf(column).toLowerCase();
    if (!group.columns.has(measure)) {
      group.columns.set(measure, index);
      group.measures.push(measure);
    }
    groups.set(name, group);
  });
  return [...groups.values()];
}

/** Every data row has both values and inner ≤ outer, for every measure the two groups share. */
function nests(table: TableRecord, inner: Group, outer: Group): boolean {
  const shared = inner.measures.filter((measure) => outer.columns.has(measure));
  const rows = table.rows.filter((row) => row.kind === 'data');
  if (shared.length === 0 || rows.length === 0) return false;
  return shared.every((measure) =>
    rows.every((row) => {
      const a = row.cells[inner.columns.get(measure)!]?.value;
      const b = row.cells[outer.columns.get(measure)!]?.value;
      return typeof a === 'number' && typeof b === 'number' && a <= b;
    }),
  );
}

function columnSum(table: TableRecord, index: number): number {
  return table.rows.reduce((sum, row) => {
    const value = row.kind === 'data' ? row.cells[index]?.value : undefined;
    return typeof value === 'number' ? sum + value : sum;
  }, 0);
}

function shareFindings(table: TableRecord, periods: Period[]): Finding[] {
  const groups = groupsOf(table);
  if (groups.length < 2) return [];
  const ordered = chronological(periods);
  const span =
    ordered.length >= 2
      ? ordered[0]!.plainYear && ordered[ordered.length - 1]!.plainYear
        ? `, ${ordered[0]!.label}–${ordered[ordered.length - 1]!.label}`
        : `, ${ordered[0]!.label} to ${ordered[ordered.length - 1]!.label}`
      : '';
  const findings: Finding[] = [];
  for (const inner of groups) {
    // Groups that contain this one (and are not equal to it); the closest is the one with the smallest total.
    const outers = groups.filter((outer) => outer !== inner && nests(table, inner, outer) && !nests(table, outer, inner));
    const measure = inner.measures.find((candidate) => outers.some((outer) => outer.columns.has(candidate)));
    if (measure === undefined) continue;
    const candidates = outers.filter((outer) => outer.columns.has(measure));
    const sums = candidates.map((outer) => columnSum(table, outer.columns.get(measure)!));
    const closest = sums.indexOf(Math.min(...sums));
    const outer = candidates[closest]!;
    const outerSum = sums[closest]!;
    const innerIndex = inner.columns.get(measure)!;
    const innerSum = columnSum(table, innerIndex);
    if (outerSum <= 0) continue;
    const column = table.columns[innerIndex]!;
    const noun = measureOf(column).toLowerCase();
    findings.push({
      kind: 'share',
      order: findings.length,
      text: `${inner.name} ${noun} ${verbFor(noun)} ${formatPercent((innerSum / outerSum) * 100)}% of ${outer.name} ${noun} (${formatNumber(innerSum)} of ${formatNumber(outerSum)})${span}.`,
    });
  }
  return findings;
}

function checkSentence(table: TableRecord, check: TableCheck): string {
  const column = table.columns.find((candidate) => candidate.key === check.column);
  if (check.kind === 'total-mismatch' && column && typeof check.stated === 'number' && typeof check.computed === 'number') {
    const total = table.rows.find((row) => row.kind === 'total');
    const word = total?.cells.map((cell) => cell.raw.trim()).find((raw) => /^\p{L}/u.test(raw));
    const name = word ? `The ${labelText(word)} row` : 'The total row';
    return `${name} gives ${formatValue(check.stated, column)} for ${columnName(column)}, but the rows above sum to ${formatValue(check.computed, column)}.`;
  }
  const message = check.message.trim().replace(/[.;:,]$/, '');
  const prefix = column ? `${columnName(column)}: ` : '';
  return `${prefix}${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}
