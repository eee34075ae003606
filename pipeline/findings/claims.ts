/**
 * claims: figures the prose states about a table's data, compared with the table records.
 *
 * A claim is a count in a sentence of an ordinary paragraph (not a table, not a tab-separated table paragraph, not
 * the references) that
 * - names exactly one period that some table has: a year (`In 2018`), the half year a partial row stands for
 *   (`the first half of 2019` ↔ `half of 2019`), or a range of full years (`from 2015 to 2018`: compared with the
 *   rows' sum, or with the Total row when the range is the whole table);
 * - is an exact figure (not `more than 4,000`, not a year, a percentage, a page, an amount in millions or a range)
 *   right next to a word that names a numeric column (`1,537 cases`, `4,000 drug transport cases`, `cases: 1,537`),
 *   singular or plural;
 * - and, when the table's title names places or bodies (`Vietnam`, `Cambodia`), names them too: a sentence about
 *   Cambodia alone is not about a Vietnam–Cambodia table.
 * Grouped columns (`Nationwide in Vietnam / Cases`, `Vietnam-Cambodia border / Cases`) are told apart by the words
 * only one group's label has (`nationwide`, `border`); without them any group that agrees will do.
 * Only a claim with one possible table column and one reading of its figure can disagree: the rest is left alone.
 */
import type { Nodes, Paragraph, Root } from 'mdast';
import { inlinePieces } from '../metadata/inline-text.js';
import type { Diagnostic, TableRecord } from '../types.js';
import { columnName, formatNumber, groupOf, headNoun, singular } from './format.js';
import { maskCitations, periodMentions, type Mention } from './mentions.js';
import { halfPattern, periodColumn, periodsOf, type Period } from './periods.js';
import { splitSentences } from './sentences.js';

export interface Claim {
  /** 1-based source line of the sentence. */
  line: number;
  sentence: string;
  /** The figure as written (`1,537`) and the word that names it (`cases`). */
  figure: string;
  word: string;
  /** The period as the text names it: `2018`, `first half of 2019`, `from 2015 to 2018`. */
  period: string;
  /** `agrees`: a table gives the figure; `differs`: the one table column it can be about gives another; `ambiguous`: several could be meant and none agrees. */
  status: 'agrees' | 'differs' | 'ambiguous';
  /** Label (or id) of the table compared with, and the column key: the one that agrees, or the only candidate. */
  table: string | null;
  column: string | null;
  /** What that column gives for the period (the sum of its rows for a range). */
  expected: number | null;
}

export function checkClaims(tree: Root, tables: TableRecord[], file: string): Diagnostic[] {
  return readClaims(tree, tables)
    .filter((claim) => claim.status === 'differs')
    .map((claim) => ({ severity: 'warning', file, line: claim.line, message: claimMessage(claim, tables) }));
}

function claimMessage(claim: Claim, tables: TableRecord[]): string {
  const table = tables.find((candidate) => (candidate.label ?? candidate.id) === claim.table);
  const column = table?.columns.find((candidate) => candidate.key === claim.column);
  const where = column && groupOf(column) !== null ? ` under ${columnName(column)}` : '';
  const expected = formatNumber(claim.expected ?? Number.NaN);
  const stated = `the text says ${claim.figure} ${claim.word}`;
  if (/^(?:from|between)\b|[–—-]/i.test(claim.period)) {
    return `${stated} ${periodPhrase(claim.period)}, but the rows of ${claim.table} for those years sum to ${expected}${where}`;
  }
  return `${stated} ${periodPhrase(claim.period)}, but ${claim.table} gives ${expected}${where}`;
}

function periodPhrase(written: string): string {
  const period = written.charAt(0).toLowerCase() + written.slice(1);
  if (/^\d{4}$/.test(period)) return `in ${period}`;
  if (/^(?:from|between)\b/i.test(period)) return period;
  if (/[–—-]/.test(period)) return `in ${period}`;
  return `in ${/^the\b/i.test(period) ? '' : 'the '}${period}`;
}

// ---- Reading the prose ----

interface Block {
  line: number;
  text: string;
}

const referencesHeading = /^(?:\d+\.?\s*)?(?:references?|reference list|bibliography|literature(?: cited)?|works cited|sources)\s*:?$/i;

/** The paragraphs a claim can stand in, with their first line and text (line ends kept). */
function proseBlocks(tree: Root, tables: TableRecord[]): Block[] {
  const blocks: Block[] = [];
  let inReferences = false;
  const inTable = (start: number, end: number) => tables.some((table) => start <= table.lines[1] && end >= table.lines[0]);
  const walk = (node: Nodes) => {
    if (node.type === 'table' || node.type === 'code' || node.type === 'html') return;
    if (node.type === 'heading') {
      inReferences = referencesHeading.test(textOf(node).trim());
      return;
    }
    if (node.type === 'paragraph') {
      const text = textOf(node);
      if (referencesHeading.test(text.trim())) {
        inReferences = true;
        return;
      }
      const start = node.position?.start.line;
      const end = node.position?.end.line;
      if (inReferences || start === undefined || end === undefined || text.includes('\t') || inTable(start, end)) return;
      blocks.push({ line: start, text });
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return blocks;
}

function textOf(node: Paragraph | Nodes): string {
  return inlinePieces(node)
    .filter((piece) => !piece.superscript)
    .map((piece) => piece.text)
    .join('');
}

// ---- Tables, indexed for lookup ----

interface ColumnInfo {
  index: number;
  key: string;
  /** The counted noun, singular: `case`. */
  noun: string;
  group: string | null;
  /** Words only this column's group label has, singular: `nationwide`, `border`. */
  distinctive: string[];
}

interface TableInfo {
  table: TableRecord;
  name: string;
  /** Proper nouns of the title that a sentence must name to be about this table. */
  scope: string[];
  periods: Period[];
  columns: ColumnInfo[];
}

const numericTypes = new Set(['integer', 'number', 'percent']);
const stopWords = new Set(['in', 'of', 'the', 'and', 'for', 'on', 'at', 'by', 'to', 'a', 'an', 'with', 'from']);

function words(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).map(singular);
}

function tableInfo(table: TableRecord, documentText: string): TableInfo {
  const periods = periodsOf(table);
  const periodRows = new Set(periods.map((period) => period.row));
  const periodColumnIndex = periodColumn(table);
  const groups = [...new Set(table.columns.map(groupOf).filter((group): group is string => group !== null))];
  const columns = table.columns.flatMap((column, index): ColumnInfo[] => {
    if (index === periodColumnIndex || !numericTypes.has(column.type) || periodRows.size === 0) return [];
    const group = groupOf(column);
    const others = new Set(groups.filter((other) => other !== group).flatMap(words));
    const distinctive = group === null ? [] : words(group).filter((word) => !stopWords.has(word) && !others.has(word));
    const noun = singular(headNoun(column.path[column.path.length - 1] ?? ''));
    return noun === '' ? [] : [{ index, key: column.key, noun, group, distinctive }];
  });
  return { table, name: table.label ?? table.id, scope: scopeWords(table.title, documentText), periods, columns };
}

/**
 * Proper nouns of a title: capitalised words that the document never writes in lower case and writes capitalised
 * after a lower-case word at least once (so `Results` and a title's first word such as `Map` are not proper nouns,
 * `Vietnam` is). A title in capitals only gives none.
 */
function scopeWords(title: string | null, documentText: string): string[] {
  if (!title || !/\p{Ll}/u.test(title)) return [];
  const candidates = [...new Set(title.match(/\p{Lu}[\p{Ll}]+|\p{Lu}{2,}(?!\p{Ll})/gu) ?? [])];
  return candidates.filter((word) => {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const lower = new RegExp(`(?<!\\p{L})${escaped.toLowerCase()}(?!\\p{L})`, 'u');
    const afterLower = new RegExp(`\\p{Ll}[,;:]?\\s+${escaped}(?!\\p{L})`, 'u');
    return !lower.test(documentText) && afterLower.test(documentText);
  });
}

function namesWord(sentence: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<!\\p{L})${escaped}(?!\\p{L})`, 'u').test(sentence);
}

// ---- Figures next to column words ----

interface Token {
  text: string;
  kind: 'number' | 'word' | 'mark';
  index: number;
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*|\p{L}+(?:['’-]\p{L}+)*|[^\s\p{L}\d]/gu)].map((match) => ({
    text: match[0],
    kind: /^\d/.test(match[0]) ? 'number' : /^\p{L}/u.test(match[0]) ? 'word' : 'mark',
    index: match.index,
  }));
}

/** The values a figure can be read as: `1,537` → [1537]; `1.223` → [1223, 1.223]; `76,83` → none. */
function readFigure(text: string): number[] {
  if (/^\d+$/.test(text)) return [Number(text)];
  if (/^\d{1,3}(?:,\d{3})+$/.test(text)) return [Number(text.replace(/,/g, ''))];
  if (/^\d{1,3}\.\d{3}$/.test(text)) return [Number(text.replace('.', '')), Number(text)];
  if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(text)) return [Number(text.replace(/\./g, ''))];
  if (/^\d+\.\d+$/.test(text)) return [Number(text)];
  return [];
}

/** Words right after a figure that make it something else than a count of the column's noun. */
const unitWords = new Set([
  'percent', 'per', 'percentage', 'percentages', 'pp', 'million', 'millions', 'billion', 'billions', 'thousand', 'thousands',
  'hundred', 'hundreds', 'times', 'fold', 'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours',
  'km', 'kms', 'kilometer', 'kilometers', 'kilometre', 'kilometres', 'kg', 'kilogram', 'kilograms', 'gram', 'grams', 'g',
  'ton', 'tons', 'tonne', 'tonnes', 'usd', 'dollars', 'euro', 'euros', 'riel', 'st', 'nd', 'rd', 'th',
]);
/** Words right before a figure that make it a label, not a count: `p. 12`, `Table 2`, `Article 250`. */
const labelWords = new Set([
  'p', 'pp', 'page', 'pages', 'table', 'tables', 'fig', 'figure', 'figures', 'no', 'article', 'articles', 'section', 'chapter',
  'vol', 'volume', 'issue', 'room', 'route', 'decree', 'resolution', 'law', 'code', 'number', 'item', 'line', 'case', 'step',
]);
/** Words before a figure that make it approximate or a bound: not an exact claim. */
const approximateWords = new Set([
  'over', 'nearly', 'almost', 'about', 'around', 'approximately', 'roughly', 'some', 'under', 'above', 'below', 'circa',
  'estimated', 'approx', 'ca', 'least', 'most', 'than', 'exceeding', 'beyond',
]);
/** Function words that may not stand between a figure and its noun (`1,537 of the cases`, `5 billion and … objects`). */
const blockingWords = new Set([
  'and', 'or', 'but', 'with', 'of', 'from', 'to', 'in', 'on', 'at', 'by', 'for', 'than', 'per', 'as', 'into', 'including',
  'which', 'that', 'who', 'whom', 'were', 'was', 'is', 'are', 'be', 'been', 'the', 'a', 'an', 'each', 'every', 'other',
]);
const changeVerbs = new Set(['rose', 'fell', 'increased', 'decreased', 'grew', 'climbed', 'dropped', 'declined', 'jumped']);
const linkWords = new Set(['was', 'were', 'numbered', 'reached', 'totalled', 'totaled', 'totalling', 'totaling']);

interface Figure {
  text: string;
  values: number[];
  word: string;
}

/** Counts in a (masked) sentence, each with the word that names what it counts; `isNoun` says which words name a column. */
function figuresIn(sentence: string, isNoun: (word: string) => boolean): Figure[] {
  const tokens = tokenize(sentence);
  const figures: Figure[] = [];
  const lower = (token: Token | undefined) => token?.text.toLowerCase() ?? '';
  tokens.forEach((token, i) => {
    if (token.kind !== 'number') return;
    const values = readFigure(token.text);
    if (values.length === 0) return;
    if (/^\d{4}$/.test(token.text) && Number(token.text) >= 1800 && Number(token.text) <= 2099) return; // a year
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    if (next?.text === '%' || (next?.kind === 'word' && unitWords.has(lower(next)) && !isNoun(next.text))) return;
    if (previous && /^[-–—]$/.test(previous.text) && tokens[i - 2]?.kind === 'number') return; // `300-500`
    if (next && /^[-–—]$/.test(next.text) && tokens[i + 2]?.kind === 'number') return;
    if (previous && /^[$€£¥#№~<>≈±]$/.test(previous.text)) return;
    const before = previous?.text === '.' ? tokens[i - 2] : previous;
    if (before?.kind === 'word' && labelWords.has(lower(before))) return;
    if (previous?.kind === 'word' && approximateWords.has(lower(previous))) return;
    if (lower(previous) === 'to' && lower(tokens[i - 2]) === 'up') return;
    // The noun after the figure, at most three content words on: `1,537 cases`, `4,000 drug transport cases`.
    for (let j = i + 1, between = 0; j < tokens.length && between <= 3; j++) {
      const candidate = tokens[j]!;
      if (candidate.kind !== 'word') break;
      if (isNoun(candidate.text)) {
        figures.push({ text: token.text, values, word: candidate.text });
        return;
      }
      if (blockingWords.has(lower(candidate))) break;
      between++;
    }
    // Or the noun before it: `cases: 1,537`, `cases (1,537)`, `cases were 1,537`, `cases rose to 1,537`.
    let k = i - 1;
    if (tokens[k] && [':', '='].includes(tokens[k]!.text)) k--;
    else if (tokens[k]?.text === '(' && next?.text === ')') k--;
    else if (lower(tokens[k]) === 'to' && changeVerbs.has(lower(tokens[k - 1]))) k -= 2;
    else if (linkWords.has(lower(tokens[k]))) k--;
    else if (lower(tokens[k]) === 'at' && lower(tokens[k - 1]) === 'stood') k -= 2;
    else return;
    const noun = tokens[k];
    if (noun?.kind === 'word' && isNoun(noun.text)) figures.push({ text: token.text, values, word: noun.text });
  });
  return figures;
}

// ---- Comparing ----

interface Candidate {
  info: TableInfo;
  column: ColumnInfo;
  /** What the table gives (the sum for a range), and what else counts as agreeing (a secondary figure, a Total row). */
  expected: number;
  accepted: number[];
}

function candidatesFor(mention: Mention, figure: Figure, sentence: string, infos: TableInfo[]): Candidate[] {
  const noun = singular(figure.word);
  const sentenceWords = new Set(words(sentence));
  const candidates: Candidate[] = [];
  for (const info of infos) {
    if (!info.scope.every((word) => namesWord(sentence, word))) continue;
    let columns = info.columns.filter((column) => column.noun === noun);
    if (columns.length === 0) continue;
    const rows = rowsFor(mention, info);
    if (!rows) continue;
    if (columns.length > 1) {
      const ungrouped = columns.filter((column) => column.group === null);
      const named = columns.filter((column) => column.distinctive.some((word) => sentenceWords.has(word)));
      if (ungrouped.length === 1) columns = ungrouped;
      else if (named.length >= 1) columns = named;
    }
    for (const column of columns) {
      const values = rows.rows.map((row) => info.table.rows[row]?.cells[column.index]);
      if (values.some((cell) => typeof cell?.value !== 'number')) continue;
      const numbers = values.map((cell) => cell!.value as number);
      const expected = numbers.reduce((sum, value) => sum + value, 0);
      const accepted = [expected];
      if (rows.rows.length === 1 && typeof values[0]?.secondary === 'number') accepted.push(values[0].secondary);
      if (rows.total !== null) {
        const total = info.table.rows[rows.total]?.cells[column.index]?.value;
        if (typeof total === 'number') accepted.push(total);
      }
      candidates.push({ info, column, expected, accepted });
    }
  }
  return candidates;
}

/** The rows a period mention stands for in a table (and the Total row when a range covers all of it), or null. */
function rowsFor(mention: Mention, info: TableInfo): { rows: number[]; total: number | null } | null {
  const full = info.periods.filter((period) => period.plainYear);
  const one = (periods: Period[]) => (periods.length === 1 ? { rows: [periods[0]!.row], total: null } : null);
  switch (mention.kind) {
    case 'year':
      return one(full.filter((period) => period.year === mention.year));
    case 'half':
      return one(info.periods.filter((period) => period.partial && period.year === mention.year && halfPattern.test(period.label)));
    case 'range': {
      const rows: number[] = [];
      for (let year = mention.from; year <= mention.to; year++) {
        const match = full.filter((period) => period.year === year);
        if (match.length !== 1) return null;
        rows.push(match[0]!.row);
      }
      if (info.periods.some((period) => !period.plainYear && period.year >= mention.from && period.year <= mention.to)) return null;
      const data = info.table.rows.flatMap((row, index) => (row.kind === 'data' ? [index] : []));
      const totals = info.table.rows.flatMap((row, index) => (row.kind === 'total' ? [index] : []));
      const whole = data.length === rows.length && data.every((row) => rows.includes(row));
      return { rows, total: whole && totals.length === 1 ? totals[0]! : null };
    }
    default:
      return null;
  }
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** Every claim the prose makes about the tables' figures, agreeing or not. */
export function readClaims(tree: Root, tables: TableRecord[]): Claim[] {
  if (tables.length === 0) return [];
  // Addresses are written in lower case whatever they name (`…/heroin-smuggling-in-cambodia-…`): not prose.
  // `(?<!\S)` starts an address only where a word starts: a bare `\S+@` retried at every letter of a long run without
  // spaces (table text) was quadratic, 1.6 s for one table of 500 rows.
  const documentText = textOf(tree).replace(/\b(?:https?:\/\/|www\.)\S+|(?<!\S)\S+@\S+/gi, ' ');
  const infos = tables.map((table) => tableInfo(table, documentText)).filter((info) => info.columns.length > 0);
  const nouns = new Set(infos.flatMap((info) => info.columns.map((column) => column.noun)));
  const isNoun = (word: string) => nouns.has(singular(word));
  const claims: Claim[] = [];
  for (const block of proseBlocks(tree, tables)) {
    for (const sentence of splitSentences(block.text)) {
      const masked = maskCitations(sentence.text);
      const mentions = periodMentions(masked);
      if (mentions.length !== 1) continue;
      const mention = mentions[0]!;
      if (mention.kind === 'other') continue;
      const line = block.line + (block.text.slice(0, sentence.start).match(/\n/g)?.length ?? 0);
      for (const figure of figuresIn(masked, isNoun)) {
        const candidates = candidatesFor(mention, figure, masked, infos);
        if (candidates.length === 0) continue;
        const agreeing = candidates.find((candidate) => candidate.accepted.some((value) => figure.values.some((read) => same(read, value))));
        const only = candidates.length === 1 && figure.values.length === 1 ? candidates[0]! : undefined;
        const chosen = agreeing ?? only;
        claims.push({
          line,
          sentence: sentence.text,
          figure: figure.text,
          word: figure.word,
          period: mention.text,
          status: agreeing ? 'agrees' : only ? 'differs' : 'ambiguous',
          table: chosen?.info.name ?? null,
          column: chosen?.column.key ?? null,
          expected: chosen?.expected ?? null,
        });
      }
    }
  }
  return claims;
}
