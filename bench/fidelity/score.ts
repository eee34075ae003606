/**
 * Scores what mdbrief read from one document (its table records and metadata) against the document's truth.
 * Tables are matched by their source lines; a cell by its row label(s) and its header path.
 */
import type { Metadata, TableCell, TableRecord } from '../../pipeline/types.js';
import type { Truth, TruthCell } from './truth.js';

export interface TableScore {
  truth: number;
  found: number;
  missed: number;
  pieces: number;
  invented: number;
  cells: number;
  cellsRight: number;
  silentlyWrong: number;
  paths: number;
  pathsRight: number;
}

export interface MetadataScore {
  titles: number;
  titleRight: number;
  firstAuthors: number;
  firstAuthorRight: number;
  authorsTruth: number;
  authorsFound: number;
  authorsRight: number;
  junkAuthors: number;
  dois: number;
  doiRight: number;
  doiWrong: number;
  years: number;
  yearRight: number;
}

export interface DocumentScore {
  document: string;
  converter: string;
  tables: TableScore;
  metadata: MetadataScore;
  /** One line per miss, for `--verbose`. */
  misses: string[];
}

/** Case, width, white space and emphasis markup do not matter when comparing a reader's text with mdbrief's. */
export function normalText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const overlap = (a: [number, number], b: [number, number]) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]) + 1);

/** Each record's truth table: the one it overlaps most, or -1. */
function assignRecords(truth: Truth, records: TableRecord[]): number[] {
  return records.map((record) => {
    let best = -1;
    let most = 0;
    truth.tables.forEach((table, index) => {
      const shared = overlap(table.lines, record.lines);
      if (shared > most) [best, most] = [index, shared];
    });
    return best;
  });
}

/** Row texts as a reader sees them: a label cell left empty under a spanned label takes the label above it. */
function readerRows(record: TableRecord): string[][] {
  const firstMeasure = record.columns.findIndex((column) => column.type !== 'text');
  const labelColumns = firstMeasure === -1 ? record.columns.length : Math.max(1, firstMeasure);
  const above: string[] = [];
  return record.rows.map((row) =>
    row.cells.map((cell, column) => {
      const text = normalText(cell.raw);
      if (column >= labelColumns) return text;
      if (text === '' && above[column]) return above[column]!;
      above[column] = text;
      return text;
    }),
  );
}

/** Whether a row's cells hold the truth's labels left to right. */
function rowMatches(cells: string[], labels: string[]): boolean {
  let from = 0;
  for (const label of labels.map(normalText)) {
    const at = cells.findIndex((cell, index) => index >= from && cell === label);
    if (at === -1) return false;
    from = at + 1;
  }
  return true;
}

function sameValue(got: TableCell['value'], want: TruthCell['value']): boolean {
  if (typeof want === 'number') return typeof got === 'number' && Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
  if (want === null) return got === null || (typeof got === 'string' && got.trim() === '');
  return typeof got === 'string' && normalText(got) === normalText(want);
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

interface Located {
  record: TableRecord;
  row: number;
  column: number;
  byPath: boolean;
}

/** The cell the truth points at: its row by label, its column by header path (else by its raw text in that row). */
function locate(cell: TruthCell, records: TableRecord[]): { located: Located | null; rowFound: boolean; pathFound: boolean } {
  const want = normalText(cell.raw);
  const path = cell.column.map(normalText).join(' / ');
  let rowFound = false;
  let pathFound = false;
  let fallback: Located | null = null;
  let seen = 0;
  for (const record of records) {
    const column = record.columns.findIndex((candidate) => candidate.path.map(normalText).join(' / ') === path);
    if (column !== -1) pathFound = true;
    const rows = readerRows(record);
    for (let row = 0; row < rows.length; row++) {
      if (!rowMatches(rows[row]!, cell.row)) continue;
      seen += 1;
      if (seen < (cell.occurrence ?? 1)) continue;
      rowFound = true;
      if (column !== -1) return { located: { record, row, column, byPath: true }, rowFound, pathFound };
      const byRaw = rows[row]!.findIndex((text, index) => index > 0 && text === want);
      if (byRaw !== -1 && !fallback) fallback = { record, row, column: byRaw, byPath: false };
      break;
    }
    if (rowFound) break;
  }
  return { located: fallback, rowFound, pathFound };
}

function scoreTables(truth: Truth, records: TableRecord[], misses: string[]): TableScore {
  const owner = assignRecords(truth, records);
  const score: TableScore = { truth: truth.tables.length, found: 0, missed: 0, pieces: 0, invented: 0, cells: 0, cellsRight: 0, silentlyWrong: 0, paths: 0, pathsRight: 0 };
  truth.tables.forEach((table, index) => {
    const count = owner.filter((assigned) => assigned === index).length;
    if (count === 0) {
      score.missed += 1;
      misses.push(`table missed: lines ${table.lines.join('–')} ${table.label ?? table.caption ?? ''}`);
    } else if (count === 1) score.found += 1;
    else {
      score.pieces += 1;
      misses.push(`table in ${count} pieces: lines ${table.lines.join('–')} ${table.label ?? ''}`);
    }
  });
  records.forEach((record, index) => {
    if (owner[index] !== -1) return;
    score.invented += 1;
    const not = truth.notTables.find((block) => overlap(block.lines, record.lines) > 0);
    misses.push(`table invented: lines ${record.lines.join('–')} (${record.format})${not ? ` from ${not.why}` : ''}`);
  });
  const paths = new Map<string, boolean>();
  for (const cell of truth.cells) {
    score.cells += 1;
    const mine = records.filter((_, index) => owner[index] === cell.table);
    const { located, rowFound, pathFound } = locate(cell, mine);
    const pathKey = `${cell.table}\u0000${cell.column.map(normalText).join('\u0000')}`;
    paths.set(pathKey, (paths.get(pathKey) ?? false) || pathFound);
    const where = `table ${cell.table} row ${show(cell.row)} column ${show(cell.column)}`;
    if (!located) {
      misses.push(`cell not found (${rowFound ? 'no such column path' : 'no such row'}): ${where}, want ${show(cell.value)}${mine.length ? `; paths: ${show(mine.flatMap((record) => record.columns.map((column) => column.path.join(' / '))).slice(0, 12))}` : ''}`);
      continue;
    }
    const got = located.record.rows[located.row]!.cells[located.column]!;
    const valueRight = sameValue(got.value, cell.value);
    if (valueRight && located.byPath) {
      score.cellsRight += 1;
      continue;
    }
    // A number that is not the source's, while the cell's text holds the source's: the worst miss.
    const silent = typeof got.value === 'number' && !valueRight && normalText(got.raw) === normalText(cell.raw);
    if (silent) score.silentlyWrong += 1;
    misses.push(
      `${silent ? 'NUMBER SILENTLY WRONG' : valueRight ? 'cell right under another path' : 'cell wrong'}: ${where} raw ${show(got.raw)} → ${show(got.value)}, want ${show(cell.value)}${located.byPath ? '' : ` (under ${show(located.record.columns[located.column]!.path)})`}`,
    );
  }
  score.paths = paths.size;
  score.pathsRight = [...paths.values()].filter(Boolean).length;
  return score;
}

/** A name compared without case, marks, dots or spaces (CJK names are written with and without them). */
export function normalName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function normalTitle(title: string): string {
  return normalText(title).replace(/[\s.:;,!?。：]+$/u, '');
}

function scoreMetadata(truth: Truth, metadata: Metadata, misses: string[]): MetadataScore {
  const want = truth.metadata;
  const score: MetadataScore = { titles: 1, titleRight: 0, firstAuthors: 0, firstAuthorRight: 0, authorsTruth: want.authors.length, authorsFound: metadata.authors.length, authorsRight: 0, junkAuthors: 0, dois: 0, doiRight: 0, doiWrong: 0, years: 0, yearRight: 0 };
  const titles = [want.title, ...(want.titleAlternatives ?? [])].filter((title): title is string => title !== null).map(normalTitle);
  const titleRight = want.title === null ? metadata.title === null : metadata.title !== null && titles.includes(normalTitle(metadata.title));
  if (titleRight) score.titleRight = 1;
  else misses.push(`title: got ${show(metadata.title)}, want ${show(want.title)}`);
  const got = metadata.authors.map((author) => normalName(author.name));
  const wanted = want.authors.map(normalName);
  if (wanted.length > 0) {
    score.firstAuthors = 1;
    if (got[0] === wanted[0]) score.firstAuthorRight = 1;
    else misses.push(`first author: got ${show(metadata.authors[0]?.name ?? null)}, want ${show(want.authors[0])}`);
  }
  const left = [...wanted];
  for (const [index, name] of got.entries()) {
    const at = left.indexOf(name);
    if (at !== -1) {
      left.splice(at, 1);
      score.authorsRight += 1;
    } else {
      score.junkAuthors += 1;
      misses.push(`junk author: ${show(metadata.authors[index]!.name)}`);
    }
  }
  if (left.length > 0) misses.push(`authors missed: ${left.length} of ${wanted.length}`);
  if (want.doi !== null) {
    score.dois = 1;
    if (metadata.doi?.toLowerCase() === want.doi.toLowerCase()) score.doiRight = 1;
    else misses.push(`doi: got ${show(metadata.doi)}, want ${show(want.doi)}`);
  } else if (metadata.doi !== null) {
    score.doiWrong = 1;
    misses.push(`doi invented: ${show(metadata.doi)}`);
  }
  if (want.year !== null) {
    score.years = 1;
    if (metadata.year === want.year) score.yearRight = 1;
    else misses.push(`year: got ${show(metadata.year)}, want ${want.year}`);
  }
  return score;
}

/** The score of one document. */
export function scoreDocument(truth: Truth, records: TableRecord[], metadata: Metadata): DocumentScore {
  const misses: string[] = [];
  const tables = scoreTables(truth, records, misses);
  const meta = scoreMetadata(truth, metadata, misses);
  return { document: truth.document, converter: truth.document.split('/')[0]!, tables, metadata: meta, misses };
}

/** Field-wise sum of scores. */
export function addScores<T extends object>(scores: T[], empty: T): T {
  const total = { ...empty } as Record<string, number>;
  for (const score of scores) for (const [key, value] of Object.entries(score)) total[key] = (total[key] ?? 0) + (value as number);
  return total as T;
}
