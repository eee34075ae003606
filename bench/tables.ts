/**
 * npm run bench:tables [-- --tables N --megabytes M --runs R --compare]: time to read the table records of one large
 * source (parse + tables stage, the path `mdbrief tables` and the build run), median of R runs. The source mixes GFM,
 * tab-separated and HTML tables with prose between them up to M megabytes (defaults: 1,000 tables, 10 MB, 3 runs).
 * Target: under 2 s. `--compare` also times, in the same runs (interleaved, so a loaded machine weighs on both alike),
 * remark's parse of the whole text (`parseWithRemark`, what parseMarkdown was before it was made faster) and checks
 * that both give the same records.
 */
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { parseMarkdown, parseWithRemark } from '../pipeline/parse.js';
import { extractTables } from '../pipeline/tables/index.js';

const { values } = parseArgs({ options: { tables: { type: 'string', default: '1000' }, megabytes: { type: 'string', default: '10' }, runs: { type: 'string', default: '3' }, compare: { type: 'boolean', default: false } } });
const tableCount = Number(values.tables);
const bytes = Number(values.megabytes) * 1e6;
const runs = Number(values.runs);

function table(index: number): string {
  const rows = Array.from({ length: 8 }, (_, row) => [2015 + row, 400 + row * 37 + index, `1.${String(100 + row).padStart(3, '0')}`, `${row * 3} (${row})`]);
  const caption = `Table ${index + 1}. Cases and objects by year in province ${index}`;
  if (index % 3 === 0) return `${caption}\n\n| Year | Cases | Objects | Victims |\n| --- | --- | --- | --- |\n${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}\n| **Total** | 1 | 2 | 3 |`;
  if (index % 3 === 1) return `${caption}\n\nYear\tCases\tObjects\tVictims\n${rows.map((row) => row.join('\t')).join('\n')}`;
  return `${caption}\n\n<table><thead><tr><th rowspan="2">Year</th><th colspan="3">Border</th></tr><tr><th>Cases</th><th>Objects</th><th>Victims</th></tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

const prose = 'The authorities of both provinces reported the figures below, which the ministry collected every year. ';
const tablesText = Array.from({ length: tableCount }, (_, index) => table(index));
const fill = Math.max(0, Math.floor((bytes - tablesText.join('\n\n').length) / tableCount / (prose.length + 2)));
const text = `# A large report\n\n${tablesText.map((block) => `${`${prose.repeat(8)}\n\n`.repeat(Math.ceil(fill / 8))}${block}`).join('\n\n')}\n`;

const source = { path: 'bench.md', name: 'bench.md', slug: 'bench', hash: '', text };
type Parse = (markdown: string) => ReturnType<typeof parseMarkdown>;
function measure(parse: Parse) {
  const started = performance.now();
  const tree = parse(text);
  const parsed = performance.now();
  const result = extractTables(source, tree);
  return { total: (performance.now() - started) / 1000, parse: (parsed - started) / 1000, result };
}

const middle = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const fast = { total: [] as number[], parse: [] as number[] };
const old = { total: [] as number[], parse: [] as number[] };
let found = 0;
for (let run = 0; run < runs; run++) {
  const now = measure(parseMarkdown);
  fast.total.push(now.total);
  fast.parse.push(now.parse);
  found = now.result.tables.length;
  if (values.compare) {
    const before = measure(parseWithRemark);
    old.total.push(before.total);
    old.parse.push(before.parse);
    if (!isDeepStrictEqual(before.result, now.result)) throw new Error('parseMarkdown and remark give different records');
  }
}
const line = (times: typeof fast) => `median ${middle(times.total).toFixed(2)} s of ${runs} runs: parse ${middle(times.parse).toFixed(2)} s, tables ${(middle(times.total) - middle(times.parse)).toFixed(2)} s`;
console.log(`source: ${(text.length / 1e6).toFixed(1)} MB, ${tableCount} tables written, ${found} records read`);
console.log(`parse + tables: ${line(fast)} (target under 2 s: ${middle(fast.total) < 2 ? 'met' : 'not met'})`);
if (values.compare) {
  console.log(`same runs, remark parsing the whole text: ${line(old)}; records identical; ${(middle(old.total) / middle(fast.total)).toFixed(1)}× faster now`);
}
