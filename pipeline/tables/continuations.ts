/**
 * continuations: a table that a page break split in two is one table. Two consecutive grids among the same blocks
 * join when they have the same number of columns, the second either repeats the first's header (then dropped) or
 * has none (its first row is data that fits the first's columns: no header label, figures under figures), and only
 * page furniture stands between them: page numbers, running header or footer lines (short lines that occur more
 * than once in the source, digits aside), a `Table 1 (continued)` line, a rule (marker's `{12}-----` page separator
 * too), an HTML comment or an empty page anchor (`<span id="page-12-0"></span>`). A second part with
 * a caption of its own, or an `<a id="…"></a>` anchor naming it, is another table.
 */
import type { RootContent } from 'mdast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { cellText, type Grid } from './grids.js';
import { headerOf, headerWidth } from './header.js';
import { sourceLines } from './lines.js';
import { anchorTag, captionPattern, continuedPattern, notePattern, pageNumber, totalLabel } from './patterns.js';
import { looksNumeric } from './spans.js';

/** Blocks of furniture that may stand between the parts (footer, page number, header, "continued"). */
const maxBetween = 4;
const placeholder = /^(?:|-|–|—|n\/?a|\.{2,3}|…|x)$/iu;

const masked = (line: string) => line.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
const normal = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export function joinContinuations(grids: Grid[], text: string): Grid[] {
  if (grids.length < 2) return grids;
  const lines = text.split('\n');
  // How often each line occurs (digits masked), to tell running headers; counted over the whole text, so only when
  // two grids are close enough to join (a large source with tables far apart never needs it).
  let counted: Map<string, number> | null = null;
  const seenCount = (key: string): number => {
    if (!counted) {
      counted = new Map();
      for (const line of lines) {
        const lineKey = masked(cellText(line));
        if (lineKey !== '') counted.set(lineKey, (counted.get(lineKey) ?? 0) + 1);
      }
    }
    return counted.get(key) ?? 0;
  };
  const isFurniture = (block: RootContent): boolean => {
    if (block.type === 'thematicBreak') return true;
    if (block.type === 'html') return !anchorTag.test(block.value.trim()) && toText(fromHtml(block.value, { fragment: true })).trim() === '';
    if (block.type !== 'paragraph' && block.type !== 'heading') return false;
    // An anchor names the table after it: a table of its own (cleaning writes one before each table it keeps apart).
    if (block.children.some((child) => child.type === 'html' && anchorTag.test(child.value))) return false;
    const own = sourceLines(block, lines)
      .map((entry) => cellText(entry.text.replace(/^\s*#{1,6}\s+/, '')))
      .filter((line) => line !== '');
    // A block with no text at all (`<span id="page-12-0"></span>`, marker's page anchor) is furniture too.
    return (
      own.length <= 2 &&
      own.every((line) => {
        // A setext heading's underline, and marker's page separator `{12}------`, are rules.
        if (pageNumber.test(line) || /^(?:\{\d+\})?[-=_]{3,}$/.test(line)) return true;
        if (captionPattern.test(line)) return continuedPattern.test(line);
        if (line.length > 100 || notePattern.test(line) || /[.:;,]$/.test(line) || !/\p{L}/u.test(line)) return false;
        return seenCount(masked(line)) >= 2;
      })
    );
  };
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
  if (between.length > maxBetween || !between.every(isFurniture)) return null;
  if (second.caption !== undefined && !continuedPattern.test(second.caption)) return null;
  const width = headerWidth(first);
  const head = headerOf(first, width);
  const secondHead = headerOf(second);
  let appended: string[][];
  let appendedLines: number[] | undefined;
  if (secondHead.paths.length === width && samePaths(head.paths, secondHead.paths) && !(second.headerPaths && second.headerRows === 0)) {
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
