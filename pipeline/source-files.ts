/**
 * source-files: a source's analysis → the files written for it under `output/` (paths relative to it): metadata,
 * tables (JSON, CSV), charts (SVG), cleaned text and its change log. Apart from analyse.ts, so that a build that
 * only writes cached analyses never loads the stages that analyse.
 */
import { outputPaths, toJson } from './output.js';
import { tableToCsv } from './tables/csv.js';
import { tablesDocument } from './tables/document.js';
import type { SourceAnalysis } from './types.js';

export function sourceFiles(analysis: SourceAnalysis): Array<{ path: string; content: string }> {
  const { slug, name } = analysis.source;
  const files = [{ path: outputPaths.metadata(slug), content: toJson({ source: name, ...analysis.metadata }) }];
  files.push({ path: outputPaths.tables(slug), content: toJson(tablesDocument({ name }, analysis.tables)) });
  for (const table of analysis.tables) files.push({ path: outputPaths.tableCsv(slug, table.id), content: tableToCsv(table) });
  for (const chart of analysis.briefTables.flatMap((table) => table.charts)) files.push({ path: outputPaths.chart(slug, chart.id), content: chart.svg });
  if (analysis.cleaned) {
    files.push(
      { path: outputPaths.appendix(slug), content: analysis.cleaned.markdown },
      { path: outputPaths.changes(slug), content: toJson({ source: name, changes: analysis.cleaned.changes }) },
    );
  }
  return files;
}
