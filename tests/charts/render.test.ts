/**
 * The drawn charts: vector only, the same bytes in every process, ids safe to inline, readable settings.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chartTable, chartTitle, chooseCharts } from '../../pipeline/charts/index.js';
import { chartConfig, fontFamily, valueTick } from '../../pipeline/charts/render.js';
import type { ChartArtifact } from '../../pipeline/types.js';
import { seedChartHashes } from './render-seeds.js';
import { seedTables, tableOf } from './tables.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const font = 'Noto Sans';

const seedCharts: ChartArtifact[] = [...seedTables('anti-drug-cooperation.md'), ...seedTables('human-trafficking-cooperation.md')].flatMap(
  (table) => chartTable(table, { font }).charts,
);

function runScript(script: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', `tests/charts/${script}`, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
}

describe('SVG output', () => {
  it('is vector: an <svg> root 640 wide, paths only, no <image>, no XML declaration', () => {
    expect(seedCharts).toHaveLength(7);
    for (const chart of seedCharts) {
      expect(chart.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), chart.id).toBe(true);
      expect(chart.svg).toMatch(/viewBox="0 0 640 \d+"/);
      expect(chart.svg).not.toContain('<image');
      expect(chart.svg).not.toContain('<?xml');
      expect(chart.svg).not.toContain('data:');
      expect(chart.svg.trimEnd().endsWith('</svg>')).toBe(true);
      // Text as glyphs drawn once each and used per letter, not an outline per letter.
      expect(chart.svg).toMatch(/<symbol overflow="visible" id="c[0-9a-f]{10}-glyph0-1">/);
      expect(chart.svg).toMatch(/<use xlink:href="#c[0-9a-f]{10}-glyph0-1" x="[\d.]+" y="[\d.]+"\/>/);
    }
  });

  it('names every id after the chart, so charts inlined in one page never share one', () => {
    const ids = seedCharts.flatMap((chart) => [...chart.svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]!));
    expect(ids.length).toBeGreaterThan(7);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-f]{10}-(clip\d+|surface|glyph\d+-\d+)$/);
    for (const chart of seedCharts) {
      const own = new Set([...chart.svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]!));
      for (const reference of chart.svg.matchAll(/url\(#([^)]+)\)|href="#([^"]+)"/g)) expect(own.has((reference[1] ?? reference[2])!)).toBe(true);
    }
  });

  it('is byte-identical in two separate processes, whatever was drawn before, and here', () => {
    const first = runScript('render-seeds.ts');
    const second = runScript('render-seeds.ts', 'reverse');
    expect(first.status, first.stderr).toBe(0);
    expect(second.status, second.stderr).toBe(0);
    const hashes = JSON.parse(first.stdout) as Record<string, string>;
    expect(Object.keys(hashes)).toHaveLength(7);
    expect(JSON.parse(second.stdout)).toEqual(hashes);
    expect(seedChartHashes()).toEqual(hashes);
  });

  it('draws in worker threads that end, once the main thread holds node-canvas, to the same bytes', () => {
    const run = runScript('worker-charts.ts');
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as Array<Record<string, string>>;
    expect(results).toHaveLength(3);
    for (const hashes of results) expect(hashes).toEqual(seedChartHashes(false, 'anti-drug-cooperation.md'));
  });

  it('uses the report font', () => {
    const [table] = seedTables('anti-drug-cooperation.md');
    const dejavu = chartTable(table!, { font: 'DejaVu Sans' }).charts[0]!.svg;
    expect(dejavu).not.toBe(seedCharts[0]!.svg);
    expect(fontFamily('Noto Sans')).toBe('"Noto Sans", "DejaVu Sans", sans-serif');
    expect(fontFamily('"Noto Sans", "DejaVu Sans"')).toBe('"Noto Sans", "DejaVu Sans"');
    expect(fontFamily('')).toBe('"DejaVu Sans", sans-serif');
  });
});

describe('Chart.js configuration', () => {
  const [antiDrug] = seedTables('anti-drug-cooperation.md');
  const [figure, cooperation] = seedTables('human-trafficking-cooperation.md');
  const configOf = (table: typeof antiDrug, index = 0) => {
    const plan = chooseCharts(table!).plans[index]!;
    return chartConfig({ plan, title: chartTitle(table!), subtitle: plan.group, font });
  };

  it('is static: no animation, not responsive, device pixel ratio 1, no tooltips', () => {
    const options = configOf(antiDrug).options!;
    expect(options).toMatchObject({ responsive: false, animation: false, devicePixelRatio: 1, events: [] });
    expect(options.plugins?.tooltip?.enabled).toBe(false);
  });

  it('shows a legend only with more than one series', () => {
    expect(configOf(antiDrug).options?.plugins?.legend?.display).toBe(true);
    expect(configOf(figure, 2).options?.plugins?.legend?.display).toBe(false);
  });

  it('titles the chart with the table label and title in lines of at most 70 characters, the group as subtitle', () => {
    expect(chartTitle(cooperation!)).toEqual([
      'Table 1. Results of cooperation in prevention of human trafficking',
      'between Vietnam and Cambodia (2015–2019)',
    ]);
    const options = configOf(cooperation, 1).options!;
    expect(options.plugins?.title?.text).toEqual(chartTitle(cooperation!));
    expect(options.plugins?.subtitle).toMatchObject({ display: true, text: 'Vietnam-Cambodia border' });
    expect(chartTitle({ label: null, title: null })).toEqual([]);
  });

  it('wraps labels into short lines: periods ≤ 16 characters, categories ≤ 26 and at most 3 lines', () => {
    expect(configOf(antiDrug).data.labels).toEqual([['2015'], ['2016'], ['2017'], ['2018'], ['half of 2019', '(partial)']]);
    const long = tableOf(
      '| Province | Seizures |\n|---|---|\n| Kien Giang province on the Gulf of Thailand, including Phu Quoc island and the islands of the An Thoi archipelago | 210 |\n| Long An | 75 |\n',
    );
    const plan = chooseCharts(long).plans[0]!;
    const labels = chartConfig({ plan, title: [], subtitle: null, font }).data.labels as string[][];
    expect(labels).toEqual([['Kien Giang province on the', 'Gulf of Thailand,', 'including Phu Quoc island…'], ['Long An']]);
  });

  it('formats ticks like the table: thousands separators, a % axis for percent columns', () => {
    expect(valueTick(false)(2500)).toBe('2,500');
    expect(valueTick(false)(12.5)).toBe('12.5');
    expect(valueTick(true)(25)).toBe('25%');
  });
});
