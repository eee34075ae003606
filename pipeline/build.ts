/**
 * build: a sources folder → output/ (briefing.pdf and per-source data files).
 * Runs the per-source stages, writes their files, prints every part with one browser, assembles the briefing and
 * writes it atomically. A source that fails is reported and left out; the others still build.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { analyseSource } from './analyse.js';
import {
  appendixLabel,
  appendixView,
  briefView,
  contentsView,
  coverView,
  displayTitle,
  partKey,
  type AnalysedSource,
  type ReportSettings,
} from './compose/index.js';
import { outputPaths, toJson, writeFileAtomic } from './output.js';
import { describeError, readSources } from './read.js';
import { assemblePdf, pageCount, type AssemblyPart } from './render/assemble.js';
import { PdfRenderer } from './render/pdf.js';
import { readTemplateFiles } from './render/template-files.js';
import { compileTemplates, type PartRenderer, type PartView } from './render/templates.js';
import type { Diagnostic } from './types.js';
import { version } from './version.js';

export interface BuildOptions {
  sources: string;
  out: string;
  title: string;
  templates: string;
  jobs: number;
  /** The report's date (cover, PDF dates); from SOURCE_DATE_EPOCH when set, so builds are reproducible. */
  date: Date;
  /** One line per step, for progress. */
  log: (line: string) => void;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  built: string[];
  failed: string[];
  briefing: string | null;
  pages: number;
}


const fontCandidates = [
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
];

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { sources, diagnostics } = await readSources(options.sources);
  const analysed: AnalysedSource[] = [];
  const failed = new Set(diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((d) => d.file));
  for (const source of sources) {
    try {
      const result = analyseSource(source);
      analysed.push(result);
      diagnostics.push(...result.diagnostics);
      await writeSourceFiles(options.out, result);
      options.log(`analysed ${source.path}`);
    } catch (error) {
      failed.add(source.path);
      diagnostics.push({ severity: 'error', file: source.path, message: `could not be analysed: ${describeError(error)}` });
    }
  }
  if (analysed.length === 0) {
    diagnostics.push({ severity: 'error', file: options.sources, message: 'no Markdown source could be built (nothing to put in a briefing)' });
    return { diagnostics, built: [], failed: [...failed], briefing: null, pages: 0 };
  }

  const templates = compileTemplates(await readTemplateFiles(options.templates));
  const fontFile = fontCandidates.find((candidate) => existsSync(candidate));
  if (!fontFile) throw new Error(`no font for page numbers: install fonts-noto-core (looked for ${fontCandidates.join(', ')})`);
  const font = await readFile(fontFile);
  const settings: ReportSettings = { title: options.title, date: formatDate(options.date) };
  const renderer = await PdfRenderer.launch({ jobs: options.jobs });
  try {
    const briefing = await renderBriefing(analysed, settings, templates, renderer, options, font);
    const file = outputPaths.briefing(options.out);
    await writeFileAtomic(file, briefing.pdf);
    options.log(`wrote ${file} (${briefing.pageCount} pages)`);
    return {
      diagnostics,
      built: analysed.map((source) => source.source.path),
      failed: [...failed],
      briefing: file,
      pages: briefing.pageCount,
    };
  } finally {
    await renderer.close();
  }
}

/** Per-source data files: metadata now; tables, cleaned text and charts as their stages provide them. */
async function writeSourceFiles(out: string, source: AnalysedSource): Promise<void> {
  const { slug } = source.source;
  await writeFileAtomic(outputPaths.metadata(out, slug), toJson({ source: source.source.path, ...source.metadata }));
}

async function renderBriefing(
  sources: AnalysedSource[],
  settings: ReportSettings,
  templates: PartRenderer,
  renderer: PdfRenderer,
  options: BuildOptions,
  font: Uint8Array,
) {
  const print = (view: PartView, name: string, title: string) => renderer.render(templates(view, title), name);
  // Briefs and appendices do not depend on page numbers: print them all at once, the pool bounds the concurrency.
  // Order is the briefing's: every brief, then every appendix, in source order.
  const bodyParts = await Promise.all([
    ...sources.map(async (source, index): Promise<AssemblyPart> => ({
      key: partKey.brief(source.source.slug),
      pdf: await print(briefView(source, index, sources.length, [], []), partKey.brief(source.source.slug), displayTitle(source)),
      running: `Brief ${index + 1}: ${displayTitle(source)}`,
      bookmark: { group: 'Briefs', title: displayTitle(source), headings: true },
    })),
    ...sources.map(async (source, index): Promise<AssemblyPart> => ({
      key: partKey.appendix(source.source.slug),
      pdf: await print(appendixView(source, index, []), partKey.appendix(source.source.slug), displayTitle(source)),
      running: `Appendix ${appendixLabel(index)}: ${displayTitle(source)}`,
      bookmark: { group: 'Appendix: full texts', title: displayTitle(source), headings: true },
    })),
  ]);
  for (const part of bodyParts) options.log(`printed ${part.key}`);
  const cover: AssemblyPart = {
    key: partKey.cover,
    pdf: await print(coverView(settings, sources), 'cover', settings.title),
    running: null,
    bookmark: null,
  };
  const bodyCounts = await Promise.all(bodyParts.map((part) => pageCount(part.pdf)));
  const coverPages = await pageCount(cover.pdf);

  // The contents' own length moves every page after it: print it, count, and print again until the count holds.
  let contentsPages = 1;
  let contents: AssemblyPart;
  for (;;) {
    const starts = new Map<string, number>();
    let next = coverPages + contentsPages + 1;
    bodyParts.forEach((part, index) => {
      starts.set(part.key, next);
      next += bodyCounts[index]!;
    });
    const pdf = await print(contentsView(sources, starts), 'contents', 'Contents');
    contents = { key: partKey.contents, pdf, running: 'Contents', bookmark: { group: null, title: 'Contents', headings: false } };
    const counted = await pageCount(pdf);
    if (counted === contentsPages) break;
    contentsPages = counted;
  }
  return assemblePdf([cover, contents, ...bodyParts], documentInfo(sources, settings, options.date), font);
}

function documentInfo(sources: AnalysedSource[], settings: ReportSettings, date: Date) {
  const authors = [...new Set(sources.flatMap((source) => source.metadata.authors.map((author) => author.name)))];
  const keywords = [...new Set(sources.flatMap((source) => source.metadata.keywords))];
  return {
    title: settings.title,
    author: authors.join('; '),
    subject: `Briefing on ${sources.length} source${sources.length === 1 ? '' : 's'}: ${sources.map(displayTitle).join('; ')}`,
    keywords,
    creator: `mdbrief ${version}`,
    date,
  };
}

/** `25 November 2026`, in UTC so the same instant prints the same everywhere. */
export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
