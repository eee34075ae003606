/**
 * continuations: a table that a page break split in two is one table. Two consecutive grids among the same blocks
 * join when they have the same number of columns, the second either repeats the first's header (then dropped) or
 * has none (its first row is data that fits the first's columns: no header label, figures under figures), and only
 * page furniture (furniture.ts) stands between them. A second part with a caption of its own, or an `<a id="…"></a>`
 * anchor naming it, is another table.
 */
import type { RootContent } from 'mdast';
import { imageOnly, maxFurnitureBlocks, maxFurnitureBlocksRepeatedHeader, pageFurniture } from './furniture.js';
import type { Grid } from './grids.js';
import { headerOf, headerWidth } from './header.js';
import { continuedPattern, totalLabel } from './patterns.js';
import { looksNumeric } from './spans.js';

const placeholder = /^(?:|-|–|—|n\/?a|\.{2,3}|…|x)$/iu;

const normal = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export function joinContinuations(grids: Grid[], text: string): Grid[] {
  if (grids.length < 2) return grids;
  const isFurniture = pageFurniture(text);
  const joined: Grid[] = [grids[0]!];
  for (const grid of grids.slice(1)) {
    const previous = joined[joined.length - 1]!;
    const merged = join(previous, grid, isFurniture);
    if (merged) joined[joined.length - 1] = merged;
    else joined.push(grid);
  }
  return joined;
}

function join(first: Grid, second: Grid, isFurniture: (block: RootContent) => boolean): Grid | null {
  if (first.place.siblings !== second.place.siblings || second.place.first <= first.place.last) return null;
  const between = first.place.siblings.slice(first.place.last + 1, second.place.first);
  if (second.caption !== undefined && !continuedPattern.test(second.caption)) return null;
  const width = headerWidth(first);
  const head = headerOf(first, width);
  const secondHead = headerOf(second);
  const repeatsHeader = secondHead.paths.length === width && samePaths(head.paths, secondHead.paths) && !(second.headerPaths && second.headerRows === 0);
  const furniture = repeatsHeader
    ? between.length <= maxFurnitureBlocksRepeatedHeader && between.every((block) => isFurniture(block) || imageOnly(block))
    : between.length <= maxFurnitureBlocks && between.every(isFurniture);
  if (!furniture) return null;
  let appended: string[][];
  let appendedLines: number[] | undefined;
  if (repeatsHeader) {
    appended = second.rows.slice(secondHead.bodyStart);
    appendedLines = second.rowLines?.slice(secondHead.bodyStart);
  } else {
    // No header: the second part's rows from its first, when that row is data under the first part's columns.
    const firstRow = second.rows[0] ?? [];
    if (Math.max(...second.rows.map((row) => row.length)) !== width && headerWidth(second) !== width) return null;
    if (!fitsBody(first, head, firstRow)) return null;
    appended = second.rows;
    appendedLines = second.rowLines;
  }
  return {
    ...first,
    place: { ...first.place, last: second.place.last },
    lines: [first.lines[0], second.lines[1]],
    rows: [...first.rows, ...appended],
    ...(first.rowLines && appendedLines ? { rowLines: [...first.rowLines, ...appendedLines] } : {}),
    ...(first.notes || second.notes ? { notes: [...(first.notes ?? []), ...(second.notes ?? [])] } : {}),
  };
}

function samePaths(a: string[][], b: string[][]): boolean {
  return a.length === b.length && a.every((path, index) => normal(path.join(' / ')) === normal((b[index] ?? []).join(' / ')));
}

/** Whether a row reads as data of the first part: a figure that is no year, figures under figures, no header label. */
function fitsBody(first: Grid, head: { paths: string[][]; bodyStart: number }, row: string[]): boolean {
  if (!row.some((cell) => looksNumeric(cell) && !/^(?:18|19|20)\d{2}$/.test(cell.trim()))) return false;
  const body = first.rows.slice(head.bodyStart).filter((cells) => !totalLabel.test((cells.find((cell) => cell !== '') ?? '').trim()));
  return row.every((cell, column) => {
    const label = head.paths[column]?.[head.paths[column]!.length - 1] ?? '';
    if (cell !== '' && normal(cell) === normal(label)) return false;
    const values = body.map((cells) => cells[column] ?? '').filter((value) => !placeholder.test(value.trim()));
    const numeric = values.length > 0 && values.every((value) => looksNumeric(value));
    return !numeric || placeholder.test(cell.trim()) || looksNumeric(cell);
  });
}
