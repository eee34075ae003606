/**
 * npm run fidelity:dump -- FILE...: prints the table records mdbrief reads from each file as compact text (lines,
 * header paths, rows as raw → value), to look at while writing fixes. Never used to write truth.
 */
import { readSource } from '../../pipeline/read.js';
import { analyseSource } from '../../pipeline/analyse.js';

for (const file of process.argv.slice(2)) {
  const read = await readSource(file);
  if ('message' in read) throw new Error(`${file}: ${read.message}`);
  const analysis = analyseSource(read.source);
  const { title, authors, doi, year } = analysis.metadata;
  console.log(`# ${file}\ntitle: ${JSON.stringify(title)} authors: ${JSON.stringify(authors.map((author) => author.name))} doi: ${doi} year: ${year}`);
  for (const table of analysis.tables) {
    console.log(`\n## ${table.id} lines ${table.lines.join('–')} ${table.format} label=${JSON.stringify(table.label)} title=${JSON.stringify(table.title)}`);
    console.log(`columns: ${table.columns.map((column) => `${column.path.join(' / ')} <${column.type}>`).join(' | ')}`);
    for (const row of table.rows) {
      console.log(`  ${row.kind === 'data' ? '' : `[${row.kind}] `}${row.cells.map((cell) => (cell.raw === String(cell.value) ? cell.raw : `${cell.raw}→${JSON.stringify(cell.value)}${cell.secondary !== undefined ? `(${cell.secondary})` : ''}`)).join(' | ')}`);
    }
    for (const check of table.checks) console.log(`  ! ${check.kind}: ${check.message}`);
  }
  for (const diagnostic of analysis.diagnostics) console.log(`diag ${diagnostic.line ?? ''}: ${diagnostic.message}`);
}
