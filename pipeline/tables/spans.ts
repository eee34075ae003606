/**
 * spans: cells that span rows or columns (HTML `rowspan`/`colspan`, LaTeX `\multirow`/`\multicolumn`) → a plain grid
 * of one text per row and column, and the column paths of a header of several rows.
 *
 * The rule for spanning cells:
 * - in the header, a cell's text fills every column and header row it spans: a `colspan=3` "Nationwide" above
 *   "Cases", "Objects", "Victims" gives the paths ["Nationwide", "Cases"] …; a `rowspan=2` "Year" gives ["Year"];
 * - in the body, a cell spanning columns stands in its first column, the others are empty (a section label);
 * - in the body, a cell spanning rows repeats down when it is a label (text: "North" beside three provinces), and
 *   stands in its first row only when it is a figure (a number written once counts once, in sums and totals).
 */

export interface PlacedCell {
  row: number;
  column: number;
  colspan: number;
  rowspan: number;
  text: string;
}

/** A cell that reads as a figure (a number, possibly signed, grouped or parenthesised). */
export function looksNumeric(text: string): boolean {
  return /^[-−+(]?\d[\d.,\s\u00a0\u202f']*%?\)?\s*[*†‡§]*$/u.test(text);
}

/** More columns than this is no table a converter wrote: the rest is dropped (a hostile `colspan=100000`). */
export const maxColumns = 1000;
/** More header rows than this is a table whose header we cannot tell. */
export const maxHeaderRows = 6;

export function layout(cells: PlacedCell[], rowCount: number, headerRows: number): { rows: string[][]; headerPaths: string[][] } {
  const width = Math.min(maxColumns, Math.max(0, ...cells.map((cell) => cell.column + Math.max(1, cell.colspan))));
  const grid: string[][] = Array.from({ length: rowCount }, () => Array<string>(width).fill(''));
  const header = (row: number) => row < headerRows;
  for (const cell of cells) {
    if (cell.row >= rowCount || cell.column >= width) continue;
    const spanned = header(cell.row) ? Math.min(cell.colspan, width - cell.column) : 1;
    for (let offset = 0; offset < spanned; offset++) grid[cell.row]![cell.column + offset] = cell.text;
  }
  // Row spans fill what the rows below left empty (HTML leaves no cell there, LaTeX an empty one).
  for (const cell of cells) {
    if (cell.rowspan <= 1 || cell.text === '' || cell.row >= rowCount || cell.column >= width) continue;
    const inHeader = header(cell.row);
    if (!inHeader && looksNumeric(cell.text)) continue;
    const lastRow = Math.min(cell.row + cell.rowspan, inHeader ? headerRows : rowCount);
    const spanned = inHeader ? Math.min(cell.colspan, width - cell.column) : 1;
    for (let row = cell.row + 1; row < lastRow; row++) {
      for (let offset = 0; offset < spanned; offset++) {
        if (grid[row]![cell.column + offset] === '') grid[row]![cell.column + offset] = cell.text;
      }
    }
  }
  return { rows: grid, headerPaths: headerPaths(grid.slice(0, headerRows), width) };
}

/** Per column, the header texts from the top row down, each once: a row-spanning label is one step, not two. */
export function headerPaths(header: string[][], width: number): string[][] {
  return Array.from({ length: width }, (_, column) => {
    const path: string[] = [];
    for (const row of header) {
      const text = row[column] ?? '';
      if (text !== '' && path[path.length - 1] !== text) path.push(text);
    }
    return path.length > 0 ? path : [`Column ${column + 1}`];
  });
}

/**
 * How many leading rows form the header when the source does not mark it: the first row, and the rows below it
 * while a header cell spans down into them or a cell of the last header row groups several columns (its own
 * labels must follow), as long as the row below is no data row.
 */
export function inferHeaderRows(cells: PlacedCell[], rowCount: number): number {
  if (rowCount < 2) return 0;
  let rows = 1;
  while (rows < Math.min(rowCount - 1, maxHeaderRows)) {
    const spansDown = cells.some((cell) => cell.row < rows && cell.row + cell.rowspan > rows);
    const groups = cells.some((cell) => cell.row === rows - 1 && cell.colspan > 1);
    if (!spansDown && !groups) break;
    if (isDataRow(cells.filter((cell) => cell.row === rows))) break;
    rows++;
  }
  return rows;
}

/** A row with a figure that is not a year: data, never a header. */
export function isDataRow(cells: Array<Pick<PlacedCell, 'text'>>): boolean {
  return cells.some((cell) => looksNumeric(cell.text) && !/^(?:18|19|20)\d{2}$/.test(cell.text.trim()));
}
