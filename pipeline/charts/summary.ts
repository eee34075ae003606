/**
 * summary: a chart's text alternative, one plain sentence computed from the data it draws.
 */
import type { ChartPlan } from './choose.js';
import { formatNumber, listNames } from './text.js';

interface Peak {
  dataset: string;
  label: string;
  value: number;
}

/** The largest value drawn; ties go to the first series, then the first point. */
function peak(plan: ChartPlan, pick: (a: number, b: number) => boolean): Peak | null {
  let best: Peak | null = null;
  for (const dataset of plan.datasets) {
    dataset.values.forEach((value, index) => {
      if (value !== null && (best === null || pick(value, best.value))) best = { dataset: dataset.label, label: plan.labels[index] ?? '', value };
    });
  }
  return best;
}

export function summarise(plan: ChartPlan): string {
  const kind = plan.kind === 'line' ? 'Line chart' : 'Bar chart';
  const names = listNames(plan.datasets.map((dataset) => dataset.label));
  const of = `${kind} of ${names}${plan.group ? ` (${plan.group})` : ''} by ${plan.axisTitle}`;
  const highest = peak(plan, (a, b) => a > b);
  const value = (found: Peak) => formatNumber(found.value, plan.percent);

  if (plan.axis === 'time') {
    const span = `${plan.labels[0] ?? ''} to ${plan.labels[plan.labels.length - 1] ?? ''}`;
    return highest ? `${of}, ${span}; the highest is ${highest.dataset} at ${value(highest)} in ${highest.label}.` : `${of}, ${span}.`;
  }

  const lowest = peak(plan, (a, b) => a < b);
  const count = plan.categoriesOf === null ? `${plan.labels.length} categories` : `the ${plan.labels.length} largest of ${plan.categoriesOf} categories`;
  if (plan.datasets.length === 1 && highest && lowest) {
    return `${of}, ${count} from highest to lowest: ${highest.label} at ${value(highest)} down to ${lowest.label} at ${value(lowest)}.`;
  }
  return highest ? `${of}, ${count}; the highest is ${highest.dataset} at ${value(highest)} for ${highest.label}.` : `${of}, ${count}.`;
}
