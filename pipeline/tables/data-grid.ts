/**
 * data-grid: whether a grid a converter wrote holds a data table. Converters also write grids that hold none: a
 * chart's or drawing's labels transcribed into a few huge cells, a grid of empty cells traced from a picture, a table
 * of contents (dot leaders, page numbers). Such a grid stays text; the reason is said in a warning.
 */
import type { Grid } from './grids.js';

const number = /[-−+]?\d+(?:[.,]\d+)*/gu;

/** Why a grid holds no data table, or null when it may hold one. */
export function notDataReason(grid: Grid): string | null {
  const cells = grid.rows.flat();
  const filled = cells.filter((cell) => cell !== '');
  const body = grid.rows.slice(1).flat();
  if (body.length >= 12 && body.filter((cell) => cell !== '').length * 5 < body.length) return 'a grid of mostly empty cells (traced from a picture?)';
  // A figure's labels: a few cells, each a long run of words and numbers (axis ticks, legend, caption).
  const labelRuns = filled.filter((cell) => cell.length > 80 && (cell.match(number) ?? []).length >= 6);
  if (labelRuns.length > 0 && labelRuns.length * 2 >= filled.length) return "a figure's labels written as a grid";
  // A table of contents: most rows end in a page number after dot leaders, or the last column holds page numbers only.
  const leaders = grid.rows.filter((row) => row.some((cell) => /(?:\.\s?){4,}\s*\d*$|…{2,}/u.test(cell))).length;
  if (grid.rows.length >= 3 && leaders * 2 >= grid.rows.length) return 'a table of contents';
  return null;
}
