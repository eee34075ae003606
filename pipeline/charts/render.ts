/**
 * render: a chart plan → Chart.js configuration → vector SVG (chartjs-node-canvas on a cairo SVG surface).
 *
 * Sized to print about 16 cm wide (640 px → 12 px text prints near 8.5 pt). Text is drawn as outlines, so the SVG does
 * not depend on fonts where it is shown. The SVG is made the same bytes on every run: cairo numbers its surface from
 * a per-process counter, so ids are renamed after a hash of the content, which also keeps them unique when several
 * charts are inlined in one HTML page.
 */
import { createHash } from 'node:crypto';
import type { ChartConfiguration, ChartDataset, ChartItem, FontSpec, Plugin, ScriptableLineSegmentContext } from 'chart.js';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartPlan } from './choose.js';
import { colourAt, ink, partialAlpha, pointStyleAt, withAlpha } from './palette.js';
import { formatNumber, wrapText } from './text.js';

export interface RenderInput {
  plan: ChartPlan;
  /** Title lines (already wrapped). */
  title: string[];
  /** A line under the title: the panel's column group, or null. */
  subtitle: string | null;
  /** Font family as CSS names it: `Noto Sans`, or a list `"Noto Sans", "DejaVu Sans"`. */
  font: string;
}

export const chartWidth = 640;
const textSize = 12;
const titleSize = 14;

/**
 * chartjs-node-canvas with the canvas sized per chart. Each ChartJSNodeCanvas loads its own copy of Chart.js, and a
 * fresh copy runs unoptimised: one per size cost about 0.1 s a size and kept every chart cold. One instance draws
 * every size here, through the members the library leaves to subclasses.
 */
class SizedChartCanvas extends ChartJSNodeCanvas {
  renderSvg(configuration: ChartConfiguration, width: number, height: number): Buffer {
    const canvas = this._createCanvas(width, height, 'svg');
    // node-canvas's context is what Chart.js draws on; its type lacks DOM members Chart.js never calls.
    const chart = new this._chartJs(canvas.getContext('2d') as unknown as ChartItem, configuration);
    try {
      return canvas.toBuffer();
    } finally {
      chart.destroy();
    }
  }
}

let sizedCanvas: SizedChartCanvas | undefined;

function chartCanvas(): SizedChartCanvas {
  return (sizedCanvas ??= new SizedChartCanvas({
    type: 'svg',
    // Required by the constructor, unused: each chart gives its own size to renderSvg.
    width: chartWidth,
    height: chartWidth,
    chartCallback: (chartJS) => {
      chartJS.defaults.animation = false;
      chartJS.defaults.responsive = false;
      chartJS.defaults.maintainAspectRatio = false;
      chartJS.defaults.devicePixelRatio = 1;
      chartJS.defaults.color = ink.text;
    },
  }));
}

/** `Noto Sans` → `"Noto Sans", "DejaVu Sans", sans-serif`; a list is kept, with the fallbacks added. */
export function fontFamily(font: string): string {
  const trimmed = font.trim();
  const list = trimmed === '' ? '' : /[,"']/.test(trimmed) ? trimmed : `"${trimmed}"`;
  if (list === '') return '"DejaVu Sans", sans-serif';
  return /dejavu sans/i.test(list) ? list : `${list}, "DejaVu Sans", sans-serif`;
}

/** A value-axis tick as the table prints numbers: `2,500`, `25%`. */
export function valueTick(percent: boolean): (value: number | string) => string {
  return (value) => formatNumber(Number(value), percent);
}

const roundUp = (value: number, step = 20) => Math.ceil(value / step) * step;

/** Width × height in CSS pixels for a plan: taller for more title lines, and per category for horizontal bars. */
export function chartSize(input: Pick<RenderInput, 'plan' | 'title' | 'subtitle'>): { width: number; height: number } {
  const { plan } = input;
  const header = 12 + input.title.length * 18 + (input.subtitle ? 18 : 0) + (plan.datasets.length > 1 ? 26 : 0);
  if (plan.kind !== 'hbar') return { width: chartWidth, height: roundUp(header + 300) };
  const lines = Math.max(1, ...plan.labels.map((label) => categoryLines(label, plan.labels.length).length));
  const row = Math.max(24, plan.datasets.length * 13 + 10, lines * 13 + 6);
  return { width: chartWidth, height: roundUp(Math.max(220, header + plan.labels.length * row + 56)) };
}

/** A category label in lines of up to 26 characters: 3 lines at most, 2 when there are many categories. */
const categoryLines = (label: string, count: number) => wrapText(label, 26, count > 10 ? 2 : 3);
const timeLines = (label: string) => wrapText(label, 16, 3);

/** node-canvas's own setting on its 2D context (canvas's index.d.ts), which Chart.js types as the DOM's. */
interface NodeCanvasText {
  textDrawingMode: 'path' | 'glyph';
}

/** The drawing surface: white, and text drawn as glyphs. */
const surface: Plugin = {
  id: 'mdbriefSurface',
  beforeDraw(chart) {
    const { ctx } = chart;
    // Text as glyphs: each glyph's outline once, then a <use> per letter (in path mode every letter is an outline of
    // its own): the same picture in 40% fewer bytes, which the HTML, the cache and Chromium all carry.
    (ctx as unknown as NodeCanvasText).textDrawingMode = 'glyph';
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export function chartConfig(input: RenderInput): ChartConfiguration {
  const { plan } = input;
  const family = fontFamily(input.font);
  const font = (size = textSize, weight: FontSpec['weight'] = 'normal'): Partial<FontSpec> => ({ family, size, weight, lineHeight: 1.2 });
  const horizontal = plan.kind === 'hbar';
  const lighter = (colour: string) => plan.partial.map((partial) => (partial ? withAlpha(colour, partialAlpha) : colour));
  const labels = plan.labels.map((label) => (horizontal ? categoryLines(label, plan.labels.length) : timeLines(label)));
  const dense = plan.labels.length > 20;

  const datasets: ChartDataset[] = plan.datasets.map((dataset) => {
    const colour = colourAt(dataset.slot);
    if (plan.kind === 'line') {
      const partial = plan.partial;
      const line: ChartDataset<'line'> = {
        type: 'line',
        label: dataset.label,
        data: dataset.values,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 2,
        tension: 0,
        fill: false,
        spanGaps: false,
        borderJoinStyle: 'round',
        borderCapStyle: 'round',
        pointStyle: pointStyleAt(dataset.slot),
        pointRadius: dense ? 2.5 : 4,
        pointHoverRadius: dense ? 2.5 : 4,
        pointBorderWidth: 1.5,
        pointBorderColor: colour,
        pointBackgroundColor: lighter(colour),
        segment: {
          borderDash: (context: ScriptableLineSegmentContext) => (partial[context.p0DataIndex] || partial[context.p1DataIndex] ? [6, 4] : undefined),
        },
      };
      return line;
    }
    const bar: ChartDataset<'bar'> = {
      type: 'bar',
      label: dataset.label,
      data: dataset.values,
      backgroundColor: lighter(colour),
      borderColor: colour,
      borderWidth: 1,
      maxBarThickness: 44,
      categoryPercentage: 0.8,
      barPercentage: 0.9,
    };
    return bar;
  });

  const valueAxis = {
    beginAtZero: true,
    grid: { color: ink.grid },
    border: { color: ink.axis },
    ticks: {
      font: font(),
      color: ink.text,
      ...(plan.integer ? { precision: 0 } : {}),
      callback: valueTick(plan.percent),
    },
    title: { display: true, text: wrapText(plan.valueTitle, 44, 2), font: font(), color: ink.muted },
  };
  const labelAxis = {
    offset: true,
    grid: { display: false },
    border: { color: ink.axis },
    ticks: {
      font: font(),
      color: ink.text,
      maxRotation: 0,
      minRotation: 0,
      // Periods are short: when there are many, every other one is left out rather than overlapping; category
      // labels are all shown, wrapped.
      autoSkip: plan.axis === 'time',
      autoSkipPadding: 12,
    },
    title: { display: true, text: plan.axisTitle, font: font(), color: ink.muted },
  };

  return {
    type: plan.kind === 'line' ? 'line' : 'bar',
    data: { labels, datasets },
    plugins: [surface],
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: false,
      maintainAspectRatio: false,
      animation: false,
      devicePixelRatio: 1,
      events: [],
      layout: { padding: { top: 10, right: 18, bottom: 4, left: 4 } },
      scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      plugins: {
        title: {
          display: input.title.length > 0,
          text: input.title,
          align: 'start',
          color: ink.text,
          font: font(titleSize, 'bold'),
          padding: { top: 2, bottom: input.subtitle ? 2 : plan.datasets.length > 1 ? 8 : 14 },
        },
        subtitle: {
          display: input.subtitle !== null,
          text: input.subtitle ?? '',
          align: 'start',
          color: ink.muted,
          font: font(textSize),
          padding: { bottom: plan.datasets.length > 1 ? 8 : 14 },
        },
        legend: {
          display: plan.datasets.length > 1,
          position: 'top',
          align: 'start',
          labels:
            plan.kind === 'line'
              ? { font: font(), color: ink.text, usePointStyle: true, boxWidth: 8, boxHeight: 8, padding: 10 }
              : { font: font(), color: ink.text, boxWidth: 12, boxHeight: 12, padding: 10 },
        },
        tooltip: { enabled: false },
      },
    },
  };
}


/**
 * Makes cairo's SVG stable, smaller and embeddable: no XML declaration (it is inlined in HTML), the per-process surface
 * number removed, path coordinates rounded, and every id prefixed with a hash of the chart so two charts on one page never share an id.
 */
export function stableSvg(svg: string): string {
  const body = svg
    .replace(/^<\?xml[^>]*\?>\s*/, '')
    .replace(/\bid="surface\d+"/g, 'id="surface"')
    // Outlines to 1/100 px (decimals cut, not rounded: a plain regex, fast on 100 KB of glyph outlines): a third of
    // the bytes, no visible change.
    .replace(/\bd="([^"]*)"/g, (_, path: string) => `d="${path.replace(/(\.\d\d)\d+/g, '$1')}"`);
  const prefix = `c${createHash('sha256').update(body).digest('hex').slice(0, 10)}`;
  return body
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/((?:xlink:)?href)="#([^"]+)"/g, (_, attribute: string, id: string) => `${attribute}="#${prefix}-${id}"`);
}

export function renderChart(input: RenderInput): string {
  const { width, height } = chartSize(input);
  const buffer = chartCanvas().renderSvg(chartConfig(input), width, height);
  return stableSvg(buffer.toString('utf8'));
}
