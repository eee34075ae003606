/**
 * header: a grid's header → the column paths and the first body row. A format that says how cells span (HTML,
 * LaTeX, aligned text) gives its paths (`Grid.headerPaths`); otherwise GFM's marked row, or the first row of a
 * tab-separated table, plus a second row that starts empty under a row of group labels.
 */
import type { Grid } from './grids.js';

const generatedLabel = /^Col(?:umn)?\s?\d{1,2}$/;

/** A header row with the names a converter gave unlabelled cells (`Col1`, `Col2`) blanked. */
export function blankGenerated(row: string[]): string[] {
  return row.map((cell) => (generatedLabel.test(cell) ? '' : cell));
}

export function pad(row: string[], width: number): string[] {
  return row.length >= width ? row : [...row, ...Array<string>(width - row.length).fill('')];
}

/** How many columns the header gives the table (wider data rows are ragged). */
export function headerWidth(grid: Grid): number {
  if (grid.headerPaths) return grid.headerPaths.length;
  return Math.max(grid.rows[0]?.length ?? 0, grid.rows[1]?.[0] === '' ? grid.rows[1].length : 0);
}

export function headerOf(grid: Grid, width: number = headerWidth(grid)): { paths: string[][]; bodyStart: number } {
  if (grid.headerPaths) return { paths: grid.headerPaths, bodyStart: grid.headerRows };
  // `Col1`, `Col2`: names a converter gave header cells that had none.
  const first = blankGenerated(pad(grid.rows[0] ?? [], width));
  const second = grid.rows[1] ? pad(grid.rows[1], width) : undefined;
  const grouped =
    second !== undefined &&
    second[0] === '' &&
    second.slice(1).some((cell) => cell !== '') &&
    second.every((cell) => !/^[-−(]?\d/.test(cell)) &&
    first.some((cell) => cell === '');
  if (!grouped) return { paths: first.map((cell, index) => [cell || `Column ${index + 1}`]), bodyStart: 1 };
  let group = '';
  const paths = first.map((cell, index) => {
    if (cell !== '') group = cell;
    const own = second[index] ?? '';
    if (own === '') return [cell || group || `Column ${index + 1}`];
    return group ? [group, own] : [own];
  });
  return { paths, bodyStart: 2 };
}

