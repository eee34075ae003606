/**
 * Properties of the table stage over random tables: a table written as GFM, as tab-separated lines, as HTML or as
 * space-aligned text is read back with one cell per column on every row, its labels as written, and its numbers, each
 * column written in a random convention (thousands grouped by `.`, `,`, a space or nothing; a decimal point or
 * comma), as the values they were made from. And random or mutated Markdown never throws nor hangs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../pipeline/parse.js';
import { extractTables } from '../../pipeline/tables/index.js';
import { totalLabel } from '../../pipeline/tables/patterns.js';

const runs = Number(process.env['TABLE_RUNS'] ?? 200);
const seed = process.env['TABLE_SEED'] ? Number(process.env['TABLE_SEED']) : 20261126;

function extract(text: string) {
  return extractTables({ path: 'sources/prop.md', name: 'sources/prop.md', slug: 'prop', text, hash: '' }, parseMarkdown(text));
}

interface Convention {
  group: '.' | ',' | ' ' | '';
  decimal: '.' | ',';
}

/** A number as a source prints it: sign, integer part grouped by threshold, 0–2 decimals. */
interface Figure {
  negative: boolean;
  integer: number;
  fraction: string;
}

const conventions: Convention[] = [
  { group: '.', decimal: ',' },
  { group: ',', decimal: '.' },
  { group: ' ', decimal: '.' },
  { group: ' ', decimal: ',' },
  { group: '', decimal: '.' },
  { group: '', decimal: ',' },
];

function written(figure: Figure, convention: Convention): string {
  const digits = String(figure.integer).replace(/\B(?=(\d{3})+$)/g, convention.group);
  return `${figure.negative ? '-' : ''}${digits}${figure.fraction === '' ? '' : convention.decimal + figure.fraction}`;
}

function valueOf(figure: Figure): number {
  return Number(`${figure.negative ? '-' : ''}${figure.integer}${figure.fraction === '' ? '' : `.${figure.fraction}`}`);
}

const figure: fc.Arbitrary<Figure> = fc.record({
  negative: fc.boolean(),
  integer: fc.oneof(fc.nat(999), fc.nat(9_999_999)),
  // One or two decimals: three would be read as a thousands group (`1.234`), as a reader would read it too.
  fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\d{1,2}$/)),
});

const word = fc.stringMatching(/^[A-Z][a-z]{2,7}(?: [a-z]{2,6})?$/).filter((text) => !totalLabel.test(text));

interface RandomTable {
  labels: string[];
  header: string[];
  conventions: Convention[];
  /** Per row: the row label and one figure (or an empty cell) per numeric column. */
  rows: Array<{ label: string; figures: Array<Figure | null> }>;
}

const table: fc.Arbitrary<RandomTable> = fc.integer({ min: 1, max: 5 }).chain((numericColumns) =>
  fc.record({
    labels: fc.constant([]),
    header: fc.uniqueArray(word, { minLength: numericColumns + 1, maxLength: numericColumns + 1, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
    conventions: fc.array(fc.constantFrom(...conventions), { minLength: numericColumns, maxLength: numericColumns }),
    rows: fc.array(
      fc.record({ label: word, figures: fc.array(fc.option(figure, { freq: 6 }), { minLength: numericColumns, maxLength: numericColumns }) }),
      { minLength: 2, maxLength: 8 },
    ),
  }),
);

const texts = (random: RandomTable) => random.rows.map((row) => [row.label, ...row.figures.map((cell, index) => (cell ? written(cell, random.conventions[index]!) : ''))]);

const asGfm = (random: RandomTable) =>
  [random.header, random.header.map(() => '---'), ...texts(random)].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
const asTsv = (random: RandomTable) => [random.header, ...texts(random)].map((cells) => cells.join('\t')).join('\n');
const asHtml = (random: RandomTable) =>
  `<table><thead><tr>${random.header.map((label) => `<th>${label}</th>`).join('')}</tr></thead><tbody>${texts(random)
    .map((cells) => `<tr>${cells.map((text, index) => `<td>${index === 0 ? `<b>${text}</b>` : text}</td>`).join('')}</tr>`)
    .join('\n')}</tbody></table>`;
/** Columns padded to their widest cell and two spaces: labels left, figures right, as pdftotext lays them out. */
const asAligned = (random: RandomTable) => {
  const lines = [random.header, ...texts(random)];
  const widths = random.header.map((_, column) => Math.max(...lines.map((cells) => cells[column]!.length)));
  const body = lines.map((cells) => cells.map((text, column) => (column === 0 ? text.padEnd(widths[column]!) : text.padStart(widths[column]!))).join('   ').trimEnd());
  return ['```', ...body, '```'].join('\n');
};

function checkTable(random: RandomTable, text: string) {
  const { tables } = extract(text);
  expect(tables).toHaveLength(1);
  const [record] = tables;
  expect(record!.columns.map((column) => column.path)).toEqual(random.header.map((label) => [label]));
  expect(record!.rows).toHaveLength(random.rows.length);
  record!.rows.forEach((row, rowIndex) => {
    expect(row.cells).toHaveLength(random.header.length);
    expect(row.cells[0]!.raw).toBe(random.rows[rowIndex]!.label);
    random.rows[rowIndex]!.figures.forEach((cell, column) => {
      expect(row.cells[column + 1]!.value).toBe(cell ? valueOf(cell) : null);
    });
  });
}

describe('random tables read back as written', () => {
  const options = { numRuns: runs, seed };
  it('as GFM', () => fc.assert(fc.property(table, (random) => checkTable(random, asGfm(random))), options));
  it('as tab-separated lines', () => fc.assert(fc.property(table, (random) => checkTable(random, asTsv(random))), options));
  it('as HTML', () => fc.assert(fc.property(table, (random) => checkTable(random, asHtml(random))), options));
  it('as space-aligned text', () =>
    fc.assert(
      fc.property(table, (random) => {
        // What makes aligned text a table: every row holds a figure that is no year, every column some figure.
        const cells = texts(random);
        fc.pre(cells.every((row) => row.slice(1).some((text) => text !== '' && !/^(?:18|19|20)\d{2}$/.test(text))));
        fc.pre(random.header.every((_, column) => cells.some((row) => row[column] !== '')));
        checkTable(random, asAligned(random));
      }),
      options,
    ));
});

// ---- Random and mutated Markdown ----

const root = path.resolve(import.meta.dirname, '../..');
const corpus = [
  ...['anti-drug-cooperation.md', 'human-trafficking-cooperation.md'].map((file) => path.join(root, 'sources', file)),
  ...readdirSync(path.join(root, 'tests/fixtures/tables')).map((file) => path.join(root, 'tests/fixtures/tables', file)),
].flatMap((file) => readFileSync(file, 'utf8').split('\n'));

const markup = fc.constantFrom(
  '<table>', '</table>', '<tr>', '<td rowspan="3">', '<th colspan="2">', '</td>', '<caption>', '<br>', '\\begin{tabular}{lr}', '\\end{tabular}',
  '\\multicolumn{2}{c}{', '\\multirow{3}{*}{', '}', '&', '\\\\', '\\hline', '|', '---', '\t', '   ', '```', '    ', '- ', '> ', '12', 'Table 1 (continued)',
  '1.234,5', '−12', '合计', 'Gesamt', '\n', '\n\n',
);
const line = fc.oneof(
  fc.constantFrom(...corpus),
  fc.tuple(fc.constantFrom(...corpus), fc.nat(), fc.oneof(markup, fc.string({ maxLength: 10 }))).map(([text, at, insert]) => {
    const cut = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, cut) + insert + text.slice(cut);
  }),
  fc.array(markup, { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const documents = fc
  .tuple(fc.nat(corpus.length - 1), fc.integer({ min: 1, max: 80 }), fc.array(fc.tuple(fc.nat(), line), { maxLength: 12 }))
  .map(([start, length, insertions]) => {
    const lines = corpus.slice(start, start + length);
    for (const [at, inserted] of insertions) lines.splice(at % (lines.length + 1), 0, inserted);
    return lines.join('\n');
  });

describe('random and mutated Markdown', () => {
  it('never throws, never hangs, keeps one cell per column', () => {
    fc.assert(
      fc.property(fc.oneof(documents, fc.string({ maxLength: 400 })), (text) => {
        const started = performance.now();
        const { tables } = extract(text);
        for (const record of tables) {
          for (const row of record.rows) expect(row.cells).toHaveLength(record.columns.length);
          expect(record.lines[0]).toBeLessThanOrEqual(record.lines[1]);
        }
        expect(performance.now() - started).toBeLessThan(2000);
      }),
      { numRuns: runs, seed },
    );
  }, 120_000);
});
