/**
 * npm run fidelity [-- --corpus DIR --only TEXT --verbose --json FILE]: runs the current analysis on every corpus
 * document that has a truth file (bench/fidelity/truth/) and prints, per converter and in total, how many checked
 * cells are right, how many numbers are silently wrong, tables found / missed / invented / in pieces, header paths,
 * and titles, authors and DOIs. A benchmark, not a test: without the corpus (a user's clone) it says so and exits 0.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyseSource } from '../../pipeline/analyse.js';
import { readSource } from '../../pipeline/read.js';
import { addScores, scoreDocument, type DocumentScore, type MetadataScore, type TableScore } from './score.js';
import { readTruths } from './truth.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: resolve(here, '../../../shared/corpus') },
    only: { type: 'string' },
    verbose: { type: 'boolean', short: 'v', default: false },
    json: { type: 'string' },
  },
});
const corpus = resolve(values.corpus!);
if (!existsSync(join(corpus, 'MANIFEST.md'))) {
  console.log(`fidelity: no corpus at ${corpus} (it sits beside the project as ../shared/corpus in the team's checkout); nothing measured.`);
  process.exit(0);
}

const truths = (await readTruths(join(here, 'truth'))).filter((truth) => !values.only || truth.document.includes(values.only));
const scores: DocumentScore[] = [];
for (const truth of truths) {
  const file = join(corpus, truth.document);
  const read = await readSource(file, corpus, truth.document);
  if ('message' in read) throw new Error(`${file}: ${read.message}`);
  const analysis = analyseSource(read.source);
  const score = scoreDocument(truth, analysis.tables, analysis.metadata);
  scores.push(score);
  if (values.verbose && score.misses.length > 0) console.log(`\n${truth.document}\n${score.misses.map((miss) => `  ${miss}`).join('\n')}`);
}

const emptyTables: TableScore = { truth: 0, found: 0, missed: 0, pieces: 0, invented: 0, cells: 0, cellsRight: 0, silentlyWrong: 0, paths: 0, pathsRight: 0 };
const emptyMetadata: MetadataScore = { titles: 0, titleRight: 0, firstAuthors: 0, firstAuthorRight: 0, authorsTruth: 0, authorsFound: 0, authorsRight: 0, junkAuthors: 0, dois: 0, doiRight: 0, doiWrong: 0, years: 0, yearRight: 0 };
const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);
const ratio = (part: number, whole: number) => `${part}/${whole} (${percent(part, whole)})`;

interface Group {
  name: string;
  documents: number;
  tables: TableScore;
  metadata: MetadataScore;
}
const converters = [...new Set(scores.map((score) => score.converter))].sort();
const group = (name: string, members: DocumentScore[]): Group => ({
  name,
  documents: members.length,
  tables: addScores(members.map((member) => member.tables), emptyTables),
  metadata: addScores(members.map((member) => member.metadata), emptyMetadata),
});
const groups = [...converters.map((converter) => group(converter, scores.filter((score) => score.converter === converter))), group('**all**', scores)];

const tableRows = groups.map(({ name, documents, tables: t }) =>
  [name, documents, ratio(t.cellsRight, t.cells), t.silentlyWrong, `${t.found}/${t.truth}`, t.missed, t.invented, t.pieces, ratio(t.pathsRight, t.paths)].join(' | '),
);
const metadataRows = groups.map(({ name, metadata: m }) =>
  [name, ratio(m.titleRight, m.titles), ratio(m.firstAuthorRight, m.firstAuthors), `${percent(m.authorsRight, m.authorsTruth)} / ${percent(m.authorsRight, m.authorsFound)}`, m.junkAuthors, `${m.doiRight}/${m.dois}${m.doiWrong ? ` (+${m.doiWrong} wrong)` : ''}`, `${m.yearRight}/${m.years}`].join(' | '),
);
const total = groups.at(-1)!;
console.log(`
Tables (${truths.length} documents, ${total.tables.cells} checked cells)

| converter | docs | cells right | numbers silently wrong | tables found | missed | invented | in pieces | header paths right |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${tableRows.map((row) => `| ${row} |`).join('\n')}

Metadata

| converter | title right | first author | authors recall / precision | junk authors | DOI | year |
| --- | --- | --- | --- | --- | --- | --- |
${metadataRows.map((row) => `| ${row} |`).join('\n')}
`);
if (values.json) await writeFile(values.json, `${JSON.stringify({ groups, documents: scores }, null, 2)}\n`);
// A sanity line so a run that read no truth shows it.
if (truths.length === 0) console.log(`fidelity: no truth file matched${values.only ? ` "${values.only}"` : ''}.`);
