/**
 * charts: a table record → the charts the brief shows for it (vector SVG, one-sentence text alternative, source note),
 * or the reason it gets none. Pure: the same record gives the same bytes on every run.
 *
 * choose.ts decides the charts from the data, summary.ts writes their text alternatives, render.ts draws them.
 */
import type { ChartArtifact, TableRecord } from '../types.js';
import { chooseCharts, type ChartPlan } from './choose.js';
import { renderChart } from './render.js';
import { summarise } from './summary.js';
import { wrapText } from './text.js';

export { chartLimits, chooseCharts, type ChartChoice, type ChartKind, type ChartPlan, type PlannedDataset } from './choose.js';
export { summarise } from './summary.js';

export interface ChartOptions {
  /** Font family of the report (`Noto Sans`); DejaVu Sans and sans-serif are added as fallbacks. */
  font: string;
}

/** `Table 1. Vietnam-Cambodia in the arrest …`, in lines of about 70 characters. */
export function chartTitle(table: Pick<TableRecord, 'label' | 'title'>): string[] {
  const text = [table.label, table.title].filter((part): part is string => part !== null && part.trim() !== '').join('. ');
  return text === '' ? [] : wrapText(text, 70);
}

function subtitle(plan: ChartPlan): string | null {
  if (plan.secondaryOnly) return plan.group ? `${plan.group}: figures in parentheses in the table` : 'Figures in parentheses in the table';
  return plan.group;
}

/**
 * `table-1`, `table-1-2`, `table-1-3` …; with `used` (every id of the source so far, its tables' ids included), a
 * second chart of `Table 1` that a table labelled `Table 1-2` already names becomes `table-1-2-2`, and so on: each
 * chart is a file named by its id, and two must never write one file.
 */
export function chartId(tableId: string, index: number, used?: Set<string>): string {
  if (index === 0) return tableId;
  let id = `${tableId}-${index + 1}`;
  for (let n = 2; used?.has(id); n++) id = `${tableId}-${index + 1}-${n}`;
  used?.add(id);
  return id;
}

/** The charts of a table; `used`: the ids already taken in its source (see `chartId`). */
export function chartTable(table: TableRecord, options: ChartOptions, used?: Set<string>): { charts: ChartArtifact[]; skipped: string | null } {
  const { plans, skipped } = chooseCharts(table);
  const note = table.notes.length > 0 ? table.notes.join(' ') : null;
  const title = chartTitle(table);
  const charts = plans.map(
    (plan, index): ChartArtifact => ({
      id: chartId(table.id, index, used),
      svg: renderChart({ plan, title, subtitle: subtitle(plan), font: options.font }),
      summary: summarise(plan),
      note,
    }),
  );
  return { charts, skipped: charts.length > 0 ? null : skipped };
}
