/**
 * header-rows: the header rows a converter left at the top of a table's body, and the column paths of a header written
 * as rows one above the other. Converters flatten a grouped header in many ways: the group label repeated over its
 * columns, set in the first, middle or last of them with blanks beside it, or a header row held in the first body
 * row. A reader finds each group's columns from the row below it; so does this module.
 */

/** A figure as a body cell holds one (`1,234`, `-0.5`, `(12)`, `45%`, `$12`, `12.3***`): what a header label is not. */
const figure = /^[-−+(△▲$€£¥]?\s?\d[\d.,\s\u00a0]*\)?\s*%?\s*[*†‡§]*$/u;
const yearCell = /^(?:18|19|20)\d{2}$/;
const placeholderLabel = /^Column \d+$/;

/** Whether most filled cells of a column are figures, and whether those are all years. */
function columnFigures(rows: string[][], column: number): { figures: boolean; years: boolean } {
  const filled = rows.map((row) => row[column] ?? '').filter((cell) => cell !== '');
  const figures = filled.filter((cell) => figure.test(cell));
  return { figures: filled.length > 0 && figures.length * 5 >= filled.length * 3, years: figures.length > 0 && figures.every((cell) => yearCell.test(cell)) };
}

/** Whether a header row shows a group: a blank, or a label repeated over neighbouring columns. */
function hasGroups(labels: string[]): boolean {
  return labels.some((label, index) => label === '' || placeholderLabel.test(label) || (index > 0 && label === labels[index - 1]));
}

/** Whether a row reads as one more header row above the rows below it: labels (or years) over figures, no figure of its own. */
function headerLike(row: string[], below: string[][]): boolean {
  let labels = 0;
  for (const [column, cell] of row.entries()) {
    if (cell === '') continue;
    const { figures, years } = columnFigures(below, column);
    if (yearCell.test(cell)) {
      if (!figures || years) return false;
      labels++;
    } else if (figure.test(cell)) return false;
    else if (figures) labels++;
  }
  return labels > 0;
}

/**
 * How many of the body's first rows belong to the header (at most 3): each must read as a header row over the rows
 * below it, under a header that shows groups (`upper`: the labels of the header's last row).
 */
export function leakedHeaderRows(upper: string[], body: string[][]): number {
  let taken = 0;
  let labels = upper;
  while (taken < 3 && body.length - taken > 1 && hasGroups(labels) && headerLike(body[taken]!, body.slice(taken + 1))) {
    labels = body[taken]!;
    taken++;
  }
  return taken;
}

/** `[n, %, n, %]` → 2: the length of the pattern a run of labels repeats, or 0 when it repeats none. */
function period(labels: string[]): number {
  for (let length = 1; length <= labels.length / 2; length++) {
    if (labels.length % length !== 0) continue;
    if (labels.every((label, index) => label !== '' && label === labels[index % length])) return length;
  }
  return 0;
}

/** The runs of neighbouring columns in `columns` (sorted): `[1, 2, 3, 6, 7]` → `[[1, 3], [6, 7]]`. */
function runsOf(columns: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const column of columns) {
    const last = runs.at(-1);
    if (last && last[1] === column - 1) last[1] = column;
    else runs.push([column, column]);
  }
  return runs;
}

/**
 * Which label of a header row stands over each column of a run of columns that rows below it label. A label repeated
 * over neighbouring columns spans them. Single labels that split the run into equal parts, each label inside its part
 * or the row below repeating a pattern once per label, span their parts (labels set in the middle of their span);
 * otherwise a label spans the blanks after it.
 */
function coverRun(row: string[], next: string[], [from, to]: [number, number], cover: string[]): void {
  const groups: Array<{ label: string; columns: number[] }> = [];
  for (let column = from; column <= to; column++) {
    const label = row[column]!;
    if (label === '') continue;
    const last = groups.at(-1);
    if (last && last.label === label && last.columns.at(-1) === column - 1) last.columns.push(column);
    else groups.push({ label, columns: [column] });
  }
  if (groups.length === 0) return;
  const width = to - from + 1;
  const part = width / groups.length;
  const singles = groups.every((group) => group.columns.length === 1);
  if (singles && Number.isInteger(part) && part > 1) {
    const inside = groups.every((group, index) => group.columns[0]! >= from + index * part && group.columns[0]! < from + (index + 1) * part);
    if (inside || period(next.slice(from, to + 1)) === part) {
      groups.forEach((group, index) => cover.fill(group.label, from + index * part, from + (index + 1) * part));
      return;
    }
  }
  groups.forEach((group, index) => {
    const start = group.columns[0]!;
    const end = group.columns.length > 1 ? group.columns.at(-1)! : (groups[index + 1]?.columns[0] ?? to + 1) - 1;
    cover.fill(group.label, start, end + 1);
  });
}

/**
 * Column paths from header rows written one above the other (outermost first), for a body whose first `stubs` columns
 * hold row labels. Built from the bottom row up, each row's labels spread over the columns the rows below label.
 */
export function pathsFromRows(rows: string[][], width: number, stubs: number): string[][] {
  const levels = rows.map((row) => Array.from({ length: width }, (_, column) => row[column] ?? ''));
  const covers = levels.map(() => Array<string>(width).fill(''));
  for (let level = levels.length - 1; level >= 0; level--) {
    const row = levels[level]!;
    const cover = covers[level]!;
    const below = levels.slice(level + 1);
    const labelled = Array.from({ length: width }, (_, column) => column).filter((column) => column >= stubs && below.some((lower) => lower[column] !== ''));
    for (let column = 0; column < width; column++) if (!labelled.includes(column)) cover[column] = row[column]!;
    for (const run of runsOf(labelled)) coverRun(row, levels[level + 1] ?? [], run, cover);
  }
  return Array.from({ length: width }, (_, column) => {
    const path = covers.map((cover) => cover[column]!).filter((label, index, all) => label !== '' && label !== all[index - 1]);
    return path.length > 0 ? path : [`Column ${column + 1}`];
  });
}

/** How many leading columns hold row labels: text, not figures, in most of their body cells. */
export function stubColumns(body: string[][], width: number): number {
  let stubs = 0;
  while (stubs < width - 1 && !columnFigures(body, stubs).figures) stubs++;
  return stubs;
}

/**
 * Paths of a header given as paths (HTML, LaTeX) with more header rows under it: columns that share a path are a
 * group, and the row's label is a level below it; a column with a path of its own gets the label as a level too;
 * a placeholder path takes the label.
 */
export function extendPaths(paths: string[][], rows: string[][]): string[][] {
  let current = paths;
  for (const row of rows) {
    current = current.map((path, column) => {
      const label = row[column] ?? '';
      if (label === '') return path;
      return placeholderLabel.test(path.at(-1) ?? '') ? [...path.slice(0, -1), label] : [...path, label];
    });
  }
  return current;
}

/** A header row that only states units (`(in millions)`, `(以百萬計)`, `in Millionen €`): no level of any column's path. */
export function unitRow(row: string[]): boolean {
  const filled = row.filter((cell) => cell !== '');
  return filled.length > 0 && filled.every((cell) => /^[(（].*[)）]$|^(?:in|en|unit|units|单位|單位|単位)\b/iu.test(cell));
}
