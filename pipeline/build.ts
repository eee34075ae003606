/**
 * build: a sources folder → output/ (briefing.pdf and per-source data files), redoing only what changed.
 * - Nothing changed (same sources, templates, options, mdbrief's version and code, outputs present): answers from the
 *   manifest without loading the stages or starting a browser.
 * - Per source, the analysis is cached by the source's bytes; each part's pages by the hash of its HTML, so a template
 *   change re-prints exactly the parts whose HTML it changes. Only a missing part starts Chromium; missing parts
 *   print several to a document (render/print-queue.ts), in source order, so the batches never depend on timing.
 * - A source that fails is reported and left out; the others still build. Outputs of removed sources are deleted.
 */
import { readFile, realpath, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Cache, cacheKey, sha256 } from './cache.js';
import type { ReportSettings } from './compose/index.js';
import { confinedFolder, insideWithoutLinks, isOutputPath, OutputError, outputInsideSources, outputPaths, outsideSourcesMessage, prepareOutputFolder, removeUnfinishedWrites, toJson, writeFileAtomic } from './output.js';
import { resolveImage, type ResolvedImage } from './images.js';
import { acquireLock } from './lock.js';
import { describeError, readSources } from './read.js';
import type { AssemblyPart, PrintedDocuments } from './render/assemble.js';
import type { PrintedPart } from './render/batch.js';
import type { KeptHelpers } from './kept-helpers.js';
import type { PdfRenderer } from './render/pdf.js';
import { readTemplateFiles } from './render/template-files.js';
import type { PartView } from './render/templates.js';
import type { Diagnostic, Source, SourceAnalysis } from './types.js';
import { cacheIdentity, version } from './version.js';

export interface BuildReporter {
  /** A step of the build: `stage` (analyse, print, assemble), the item, and how far along the stage is. */
  progress(stage: string, item: string, done: number, total: number): void;
  /** A detail for `--verbose`. */
  detail(line: string): void;
  /** Something the user should hear even without `--verbose` (waiting for another build). */
  notice?(line: string): void;
}

export interface BuildOptions {
  sources: string;
  out: string;
  title: string;
  templates: string;
  jobs: number;
  /** The report's date (cover, PDF dates); from SOURCE_DATE_EPOCH when set, so builds are reproducible. */
  date: Date;
  /** True when `date` was given (SOURCE_DATE_EPOCH): then the exact instant is an input; else only the day is. */
  fixedDate?: boolean;
  reporter: BuildReporter;
  /** Time allowed to print one part, in ms (default 60 s): a source that takes longer fails alone. */
  timeout?: number;
  /** Stops the build (Ctrl-C, SIGTERM): Chromium is closed, nothing half-written is left. */
  signal?: AbortSignal;
  /** Workers and Chromium kept from build to build (watch); without, the build starts its own and closes them. */
  helpers?: KeptHelpers;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  /** Sources analysed afresh in this build. */
  built: string[];
  /** Sources whose analysis came from the cache. */
  cached: string[];
  failed: string[];
  /** Parts printed by Chromium in this build (0 when every part came from the cache). */
  printed: number;
  briefing: string | null;
  pages: number;
  upToDate: boolean;
}

interface Manifest {
  key: string;
  /** Every file this build wrote under the output folder, relative, with its sha256. */
  files: Record<string, string>;
  /** Every image the sources use (path in the sources folder) with what it resolved to: a nothing-changed check. */
  images: Record<string, string>;
  pages: number;
  sources: string[];
  diagnostics: Diagnostic[];
}

const manifestFile = (out: string) => path.join(out, '.cache', 'manifest.json');

const fontCandidates = ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'];

export async function build(options: BuildOptions): Promise<BuildResult> {
  if (await outputInsideSources(options.sources, options.out)) throw new Error(outsideSourcesMessage(options.sources, options.out));
  await prepareOutputFolder(options.out);
  // The lock and the cache live in `.cache`: a link there would take them (and the pruning) elsewhere.
  await confinedFolder(options.out, path.join(options.out, '.cache')).catch((error: unknown) => {
    throw new OutputError(path.join(options.out, '.cache'), describeError(error), { cause: error });
  });
  const lock = await acquireLock(path.join(options.out, '.cache', 'lock'), {
    onWait: (holder) => options.reporter.notice?.(`waiting for another build (pid ${holder}) to finish with ${options.out}`),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    await removeUnfinishedWrites(options.out);
    return await buildLocked(options);
  } finally {
    await lock.release();
  }
}

async function buildLocked(options: BuildOptions): Promise<BuildResult> {
  const { sources, diagnostics } = await readSources(options.sources);
  const failed = new Set(diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.file));
  const templateFiles = await readTemplateFiles(options.templates);
  const settings: ReportSettings = { title: options.title, date: formatDate(options.date) };
  const key = cacheKey(
    'build',
    sources.map((source) => [source.path, source.name, source.slug, source.hash]),
    templateFiles,
    settings,
    options.fixedDate ? options.date.toISOString() : null,
  );
  const previous = await readManifest(options.out);
  if (previous?.key === key && (await filesPresent(options.out, previous.files)) && (await imagesUnchanged(options.sources, previous.images))) {
    return {
      diagnostics: [...diagnostics, ...previous.diagnostics],
      built: [],
      cached: previous.sources,
      failed: [...failed],
      printed: 0,
      briefing: path.join(options.out, outputPaths.briefing),
      pages: previous.pages,
      upToDate: true,
    };
  }
  return rebuild(options, sources, diagnostics, failed, settings, templateFiles, key, previous);
}

async function rebuild(
  options: BuildOptions,
  sources: Source[],
  diagnostics: Diagnostic[],
  failed: Set<string>,
  settings: ReportSettings,
  templateFiles: Awaited<ReturnType<typeof readTemplateFiles>>,
  key: string,
  previous: Manifest | undefined,
): Promise<BuildResult> {
  // The worker and Chromium start now, while the stages load here, when the build will need them: a cold build (no
  // previous manifest) analyses and prints every source; a rebuild analyses the sources whose analysis the cache lacks
  // and prints the parts of those whose summary it lacks (their source or the templates changed).
  // puppeteer first: its modules take the longest to load, and Chromium's own start-up (about 0.5 s) waits on them.
  const rendererModule = import('./render/pdf.js');
  rendererModule.catch(() => {}); // a failure is reported by the print that needs it
  const poolSize = Math.max(1, Math.min(options.jobs, availableParallelism() - 1));
  const cache = new Cache(path.join(options.out, '.cache'), options.out);
  const templatesKey = cacheKey('templates', templateFiles);
  const keysOf = (source: Source) => {
    const analysis = cacheKey('analysis', source.path, source.name, source.slug, source.hash);
    return { analysis, summary: cacheKey('summary', analysis, templatesKey) };
  };
  const missing = async (kind: string, key: (keys: ReturnType<typeof keysOf>) => string) =>
    previous === undefined || (await Promise.all(sources.map((source) => cache.holds(kind, key(keysOf(source)))))).includes(false);
  const [toAnalyse, toPrint] = await Promise.all([missing('analysis', (keys) => keys.analysis), missing('summaries', (keys) => keys.summary)]);
  const kept = options.helpers;
  const poolReady = (kept ? kept.pool(poolSize) : import('./analyse-pool.js').then(({ AnalysisPool, analysisDefaults }) => new AnalysisPool({ ...analysisDefaults, size: poolSize }))).then((pool) => {
    if (toAnalyse) pool.warm();
    return pool;
  });
  poolReady.catch(() => {}); // a failure is reported by the analysis that needs the pool
  const pdfOptions = { jobs: options.jobs, ...(options.timeout ? { timeout: options.timeout } : {}) };
  const launchRenderer = () => (kept ? kept.renderer(pdfOptions) : rendererModule.then(({ PdfRenderer }) => PdfRenderer.launch(pdfOptions)));
  let launching: Promise<PdfRenderer> | undefined = toPrint ? launchRenderer() : undefined;
  launching?.catch(() => {}); // a launch failure is reported by the print that needs it
  // Chromium is set going before this thread turns to reading the cache and loading the stages, which would delay it.
  if (launching) await rendererModule.catch(() => undefined);
  const { reporter, out } = options;
  // Once the helpers are stopped, no Chromium starts again: analyses still settling after a stop would launch one.
  let helpersStopped = false;
  let stopping: Promise<void> | undefined;
  /**
   * Stops the analysis workers and closes Chromium, once, whichever asks first; later calls wait for the same. Kept
   * helpers stay for the next build: this build only stops asking them.
   */
  const stopHelpers = () =>
    (stopping ??= (async () => {
      helpersStopped = true;
      if (kept) return;
      const started = launching;
      launching = undefined;
      await Promise.all([poolReady.then((pool) => pool.close()), started?.then((renderer) => renderer.close(), () => undefined)]);
    })());
  /** Chromium, started at once when parts will print (above), else on the first source to analyse or part to print. */
  const renderer = () => (helpersStopped ? Promise.reject(new Error('the build was stopped')) : (launching ??= launchRenderer()));
  const batchReads = new Map<string, Promise<Uint8Array | undefined>>();
  // Printed documents are read once, shared by the cache's checks, the briefing and each brief alone.
  let printedDocsLoading: Promise<PrintedDocuments> | undefined;
  const printedDocs = () => (printedDocsLoading ??= import('./render/assemble.js').then(({ printedDocuments }) => printedDocuments()));
  /**
   * A printed part from the cache, by the hash of its HTML. Entry and batch are checked against their digests, and
   * the batch is named by its own hash; the pages are used only when the batch's own markers bound them there.
   */
  const cachedPart = async (key: string): Promise<PrintedPart | undefined> => {
    const entry = await cache.readJson('parts', key, isPartEntry);
    const pdf = entry && (await (batchReads.get(entry.batch) ?? batchReads.set(entry.batch, cache.readBytes('batches', entry.batch)).get(entry.batch)!));
    if (!entry || !pdf) return undefined;
    const part = { pdf, marker: entry.marker, first: entry.first, count: entry.count };
    const [{ isPartRange }, load] = await Promise.all([import('./render/batch.js'), printedDocs()]);
    const doc = await load(pdf).catch(() => undefined);
    return doc && isPartRange(doc, part) ? part : undefined;
  };
  /** Every output file of a source as the last build left it: what lets a summary stand for the analysis. */
  const filesUpToDate = async (sourceFiles: Record<string, string>): Promise<boolean> => {
    const present = await Promise.all(Object.entries(sourceFiles).map(async ([file, digest]) => previous?.files[file] === digest && (await exists(path.join(out, file)))));
    return present.every(Boolean);
  };
  // Analyses run in worker threads, leaving this thread free to drive Chromium; one core stays with the browser.
  const stopOnAbort = () => {
    helpersStopped = true;
    if (kept) {
      void kept.close();
      return;
    }
    void poolReady.then((pool) => pool.close());
    void launching?.then((renderer) => renderer.close());
  };
  options.signal?.addEventListener('abort', stopOnAbort);
  /**
   * A source's result, never rejecting. With the source, the templates and the source's output files unchanged, its
   * summary (a few KB) and printed parts are all a rebuild needs; otherwise the analysis comes from the cache by the
   * source's bytes, or from the pool.
   */
  const analysisOf = async (source: Source): Promise<Outcome> => {
    const { analysis: analysisKey, summary: summaryKey } = keysOf(source);
    try {
      const summary = await cache.readJson('summaries', summaryKey, isSourceSummary);
      if (summary) {
        const [brief, appendix, current] = await Promise.all([cachedPart(summary.brief), cachedPart(summary.appendix), filesUpToDate(summary.files)]);
        if (brief && appendix && current) {
          cache.keepJson('analysis', analysisKey);
          return { summary, brief, appendix };
        }
      }
      const hit = await cache.readJson('analysis', analysisKey, isSourceAnalysis);
      if (hit) return { analysis: hit, fresh: false, summaryKey };
      // A source analysed afresh has parts to print: Chromium starts (about 1 s) while the worker analyses it.
      renderer().catch(() => {}); // a launch failure is reported by the print that needs it
      const analysis = await (await poolReady).analyse(source);
      await cache.writeJson('analysis', analysisKey, analysis);
      return { analysis, fresh: true, summaryKey };
    } catch (error) {
      return { error };
    }
  };
  // Every source is queued now, before the stages load: the worker analyses while they do. Each outcome is let go
  // once used (below): a hundred analyses with their charts, held to the end, are memory at the build's peak.
  const analysing: Array<Promise<Outcome> | undefined> = sources.map(analysisOf);
  // The stages load only when there is work: an up-to-date build never pays for them.
  const prepare = async () => {
    const [{ sourceFiles }, { embedImages, imageReferences, maxEmbeddedBytes }, { compileTemplates }, compose, { assemblePdf, prepareAssembly }, { PrintQueue }] = await Promise.all([
      import('./source-files.js'),
      import('./render/embed-images.js'),
      import('./render/templates.js'),
      import('./compose/index.js'),
      import('./render/assemble.js'),
      import('./render/print-queue.js'),
    ]);
    const templates = compileTemplates(templateFiles);
    return { sourceFiles, embedImages, imageReferences, maxEmbeddedBytes, compose, assemblePdf, prepareAssembly, PrintQueue, templates, sourcesRoot: await realpath(options.sources) };
  };
  // What can fail before the build's own try below must not leave the early worker and Chromium running.
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare();
  } catch (error) {
    options.signal?.removeEventListener('abort', stopOnAbort);
    await stopHelpers();
    throw error;
  }
  const { sourceFiles, embedImages, imageReferences, maxEmbeddedBytes, compose, assemblePdf, prepareAssembly, PrintQueue, templates, sourcesRoot } = prepared;
  const readDocs = await printedDocs();
  const cachedBatches = new Set<Uint8Array>();
  const files: Record<string, string> = {};
  const images: Record<string, string> = {};
  const imageReads = new Map<string, Promise<ResolvedImage>>();
  const analyses: SourceHead[] = [];
  const built: string[] = [];
  const cached: string[] = [];
  let printed = 0;
  let partsDone = 0;
  const bodyTotal = sources.length * 2 + 2;
  // Parts print in batches (render/batch.ts): a part's cache entry names its batch's PDF and its pages in it.
  const queue = new PrintQueue((html, name) => renderer().then((started) => started.render(html, name)));
  const batchWrites = new WeakMap<Uint8Array, Promise<string>>();
  /** A part's HTML and, when the cache has them, its pages (found by the hash of the HTML). */
  const lookUp = async (view: PartView, name: string, documentTitle: string): Promise<PartToPrint> => {
    const html = templates(view, documentTitle);
    const key = cacheKey('part', html);
    return { html, key, name, cached: await cachedPart(key) };
  };
  /** The part's pages: cached, or queued to print. Queues synchronously, so parts queue in the order of the calls. */
  const printPart = ({ html, key, name, cached }: PartToPrint): Promise<PrintedPart> => {
    if (cached) {
      cachedBatches.add(cached.pdf);
      reporter.progress('print', name, ++partsDone, bodyTotal);
      return Promise.resolve(cached);
    }
    renderer().catch(() => {}); // a launch failure is reported by the print that needs it
    return queue.add(html, name).then(async (part) => {
      let batch = batchWrites.get(part.pdf);
      if (!batch) {
        const written = sha256(part.pdf);
        batch = cache.writeBytes('batches', written, part.pdf).then(() => written);
        batchWrites.set(part.pdf, batch);
      }
      await cache.writeJson('parts', key, { batch: await batch, marker: part.marker, first: part.first, count: part.count } satisfies PartEntry);
      printed++;
      reporter.detail(`printed ${name}`);
      reporter.progress('print', name, ++partsDone, bodyTotal);
      return part;
    });
  };
  /** One part printed at once, without waiting for a batch to fill (cover and contents). */
  const printNow = async (view: PartView, name: string, documentTitle: string): Promise<PrintedPart> => {
    const printing = printPart(await lookUp(view, name, documentTitle));
    queue.flush();
    return printing;
  };
  const { partKey, appendixLabel, displayTitle } = compose;
  const fontReading = readFont();
  fontReading.catch(() => {}); // awaited where it is used
  const briefsAlone = new Map<PrintedSource, Promise<{ file: string; digest: string }>>();
  /**
   * Each brief alone, to share one source: its brief and then its full text (the appendix part, which the brief's
   * `Full text` link points at), with their own header and page numbers, cached by their inputs. Made as soon as the
   * parts are printed, while the next sources are analysed, rather than after the briefing.
   */
  const briefAlone = (entry: PrintedSource) => {
    let making = briefsAlone.get(entry);
    if (!making) {
      making = makeBriefAlone(entry);
      making.catch(() => {}); // awaited after the briefing is written
      briefsAlone.set(entry, making);
    }
    return making;
  };
  const makeBriefAlone = async ({ analysis, brief, appendix, briefKey, appendixKey }: PrintedSource): Promise<{ file: string; digest: string }> => {
    const title = displayTitle(analysis);
    const info = { ...documentInfo([analysis], settings, options.date, displayTitle), title };
    const alone = cacheKey('brief-alone', briefKey, appendixKey, info.author, info.subject, info.keywords, title, options.date.toISOString());
    const file = outputPaths.brief(analysis.source.slug);
    // Already written by the last build: not even read.
    const known = await cache.bytesDigest('briefs', alone);
    if (known !== undefined && previous?.files[file] === known && (await exists(path.join(out, file)))) return { file, digest: known };
    let pdf = await cache.readBytes('briefs', alone);
    if (!pdf) {
      const parts: AssemblyPart[] = [
        { key: partKey.brief(analysis.source.slug), printed: brief, running: `Brief · ${settings.title}`, bookmark: { group: null, title, headings: true } },
        { key: partKey.appendix(analysis.source.slug), printed: appendix, running: `Full text · ${settings.title}`, bookmark: { group: null, title: 'Full text', headings: true } },
      ];
      pdf = (await assemblePdf(parts, info, await fontReading, readDocs)).pdf;
      await cache.writeBytes('briefs', alone, pdf);
    }
    const digest = sha256(pdf);
    if (previous?.files[file] !== digest || !(await exists(path.join(out, file)))) await writeFileAtomic(path.join(out, file), pdf, out);
    return { file, digest };
  };
  // A source's parts print while the next sources are analysed: Chromium works on one core, Node on the other.
  // A source whose parts cannot be printed fails alone: null here, an error in the diagnostics.
  const printing: Array<Promise<PrintedSource | null>> = [];
  /** Every source analysed, in order: the cover's list, unless one of them then fails to print. */
  const analysedHeads: SourceHead[] = [];

  try {
    // Results are taken in source order, so output never depends on timing.
    for (const [index, source] of sources.entries()) {
      options.signal?.throwIfAborted();
      reporter.progress('analyse', source.path, index + 1, sources.length);
      const outcome = await analysing[index]!;
      analysing[index] = undefined;
      options.signal?.throwIfAborted();
      if ('error' in outcome) {
        failed.add(source.path);
        diagnostics.push({ severity: 'error', file: source.path, message: `could not be analysed: ${describeError(outcome.error)}` });
        continue;
      }
      if ('summary' in outcome) {
        const { summary, brief, appendix } = outcome;
        cachedBatches.add(brief.pdf).add(appendix.pdf);
        cached.push(source.path);
        diagnostics.push(...summary.analysis.diagnostics);
        Object.assign(files, summary.files);
        for (const line of summary.details) reporter.detail(line);
        for (const key of [partKey.brief(source.slug), partKey.appendix(source.slug)]) reporter.progress('print', key, ++partsDone, bodyTotal);
        analysedHeads.push(summary.analysis);
        printing.push(Promise.resolve({ analysis: summary.analysis, brief, appendix, briefKey: summary.brief, appendixKey: summary.appendix }));
        continue;
      }
      const { analysis } = outcome;
      (outcome.fresh ? built : cached).push(source.path);
      diagnostics.push(...analysis.diagnostics);
      const ownFiles: Record<string, string> = {};
      for (const file of sourceFiles(analysis)) {
        const digest = sha256(file.content);
        // Rewrite only what changed or went missing: a rebuild touches only the changed source's files.
        if (previous?.files[file.path] !== digest || !(await exists(path.join(out, file.path)))) {
          await writeFileAtomic(path.join(out, file.path), file.content, out);
        }
        ownFiles[file.path] = digest;
      }
      Object.assign(files, ownFiles);
      const details = analysis.briefTables.flatMap((table) => (table.chartSkipped ? [`${source.path}: ${table.id}: no chart (${table.chartSkipped})`] : []));
      for (const line of details) reporter.detail(line);
      // The appendix refers to images by path; the bytes go in for printing only (the cached analysis keeps paths).
      const references = imageReferences(analysis.appendixHtml);
      const resolved = new Map<string, ResolvedImage>();
      for (const reference of references) {
        const image = await (imageReads.get(reference) ?? imageReads.set(reference, resolveImage(sourcesRoot, reference)).get(reference)!);
        resolved.set(reference, image);
        images[reference] = imageState(image);
        if ('problem' in image) diagnostics.push({ severity: 'warning', file: source.path, message: `image ${reference} ${image.problem}: shown as its alternative text` });
      }
      const embedded = embedImages(analysis.appendixHtml, resolved);
      if (embedded.skipped > 0) {
        diagnostics.push({ severity: 'warning', file: source.path, message: `${embedded.skipped} image reference${embedded.skipped === 1 ? '' : 's'} past the ${maxEmbeddedBytes / 1024 / 1024} MB of images a source may embed: shown as alternative text` });
      }
      const current = references.length === 0 ? analysis : { ...analysis, appendixHtml: embedded.html };
      const title = displayTitle(current);
      const head = headOf(current);
      analysedHeads.push(head);
      // Looked up here, in source order, so the parts to print queue in that order whatever the timing.
      const [briefPart, appendixPart] = await Promise.all([
        lookUp(compose.briefView(current), partKey.brief(current.source.slug), title),
        lookUp(compose.appendixView(current), partKey.appendix(current.source.slug), title),
      ]);
      // A source without images is then summed up for the next build (with images, their bytes are part of the HTML).
      if (references.length === 0) {
        const summary: SourceSummary = { analysis: head, brief: briefPart.key, appendix: appendixPart.key, files: ownFiles, details };
        await cache.writeJson('summaries', outcome.summaryKey, summary);
      }
      const parts = Promise.all([printPart(briefPart), printPart(appendixPart)]).then(
        ([brief, appendix]) => {
          const entry = { analysis: head, brief, appendix, briefKey: briefPart.key, appendixKey: appendixPart.key };
          void briefAlone(entry);
          return entry;
        },
        (error: unknown) => {
          if (options.signal?.aborted) throw error;
          failed.add(current.source.path);
          diagnostics.push({ severity: 'error', file: current.source.path, message: describeError(error) });
          return null;
        },
      );
      parts.catch(() => {}); // awaited below; a rejection before then must not count as unhandled
      printing.push(parts);
    }
    queue.flush();
    // Every source is analysed: the workers' memory goes back before the last parts print, not after.
    if (!kept) void poolReady.then((pool) => pool.close(), () => undefined);
    // The cover prints now, with the last parts, rather than after them: again below only if a source fails to print.
    const coverView = (heads: SourceHead[]) => printNow(compose.coverView(settings, heads), 'cover', settings.title);
    const earlyCover = analysedHeads.length > 0 ? coverView(analysedHeads) : undefined;
    earlyCover?.catch(() => {}); // awaited below when it is the cover
    // While Chromium prints what changed, this thread would wait: it reads the cached parts for the assembly instead.
    const preparing = prepareAssembly(cachedBatches, readDocs);
    const printedSources = (await Promise.all(printing)).filter((entry) => entry !== null);
    await preparing;
    options.signal?.throwIfAborted();
    analyses.push(...printedSources.map((entry) => entry.analysis));
    if (analyses.length === 0) {
      diagnostics.push({ severity: 'error', file: options.sources, message: 'no Markdown source could be built (nothing to put in a briefing)' });
      return { diagnostics, built, cached, failed: [...failed], printed, briefing: null, pages: 0, upToDate: false };
    }
    // Every brief, then every appendix, in source order.
    const bodyParts: AssemblyPart[] = [
      ...printedSources.map(({ analysis, brief }, position) => ({
        key: partKey.brief(analysis.source.slug),
        printed: brief,
        running: `Brief ${position + 1}: ${displayTitle(analysis)}`,
        bookmark: { group: 'Briefs', title: displayTitle(analysis), headings: true },
      })),
      ...printedSources.map(({ analysis, appendix }, position) => ({
        key: partKey.appendix(analysis.source.slug),
        printed: appendix,
        running: `Appendix ${appendixLabel(position)}: ${displayTitle(analysis)}`,
        bookmark: { group: 'Appendix: full texts', title: displayTitle(analysis), headings: true },
      })),
    ];
    const cover: AssemblyPart = {
      key: partKey.cover,
      printed: await (earlyCover && analyses.length === analysedHeads.length ? earlyCover : coverView(analyses)),
      running: null,
      bookmark: null,
    };
    const bodyCounts = bodyParts.map((part) => part.printed.count);
    const coverPages = cover.printed.count;
    // The contents' own length moves every page after it: print, count, and print again until the count holds. The
    // first guess, about 17 entries a page (the default templates), saves a print of a long contents when it holds.
    let contentsPages = Math.max(1, Math.ceil(bodyParts.length / 17));
    let contents: AssemblyPart;
    for (;;) {
      const starts = new Map<string, number>();
      let next = coverPages + contentsPages + 1;
      bodyParts.forEach((part, index) => {
        starts.set(part.key, next);
        next += bodyCounts[index]!;
      });
      const printed = await printNow(compose.contentsView(analyses, starts), 'contents', 'Contents');
      contents = { key: partKey.contents, printed, running: 'Contents', bookmark: { group: null, title: 'Contents', headings: false } };
      const counted = printed.count;
      if (counted === contentsPages) break;
      contentsPages = counted;
    }
    // Printing is over: the workers and Chromium close while the PDF is assembled (awaited before the build ends).
    stopHelpers().catch(() => {}); // a failure to close is reported by the await in finally
    reporter.progress('assemble', outputPaths.briefing, 1, 1);
    const font = await fontReading;
    const briefing = await assemblePdf([cover, contents, ...bodyParts], documentInfo(analyses, settings, options.date, compose.displayTitle), font, readDocs);
    const briefingFile = path.join(out, outputPaths.briefing);
    await writeFileAtomic(briefingFile, briefing.pdf, out);
    files[outputPaths.briefing] = sha256(briefing.pdf);
    for (const entry of printedSources) {
      const { file, digest } = await briefAlone(entry);
      files[file] = digest;
    }

    await removeStale(out, previous, files);
    const analysisDiagnostics = analyses.flatMap((analysis) => analysis.diagnostics);
    if (failed.size === 0) {
      // Only a build with nothing failed is a base to skip from: a failed source must be retried next time.
      await writeManifest(out, { key, files, images, pages: briefing.pageCount, sources: analyses.map((a) => a.source.path), diagnostics: analysisDiagnostics });
    } else await rm(manifestFile(out), { force: true });
    await cache.prune();
    return { diagnostics, built, cached, failed: [...failed], printed, briefing: briefingFile, pages: briefing.pageCount, upToDate: false };
  } finally {
    options.signal?.removeEventListener('abort', stopOnAbort);
    await stopHelpers();
  }
}

function documentInfo(analyses: SourceHead[], settings: ReportSettings, date: Date, displayTitle: (analysis: SourceHead) => string) {
  const authors = [...new Set(analyses.flatMap((analysis) => analysis.metadata.authors.map((author) => author.name)))];
  const keywords = [...new Set(analyses.flatMap((analysis) => analysis.metadata.keywords))];
  return {
    title: settings.title,
    author: authors.join('; '),
    subject: `Briefing on ${analyses.length} source${analyses.length === 1 ? '' : 's'}: ${analyses.map(displayTitle).join('; ')}`,
    keywords,
    creator: `mdbrief ${version}`,
    date,
  };
}

async function readFont(): Promise<Uint8Array> {
  for (const candidate of fontCandidates) {
    try {
      return new Uint8Array(await readFile(candidate));
    } catch {
      // try the next one
    }
  }
  throw new Error(`no font for page numbers: install fonts-noto-core (looked for ${fontCandidates.join(', ')})`);
}

/** `25 November 2026`, in UTC so the same instant prints the same everywhere. */
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `25 November 2026` (UTC), written out: Intl's formatter takes 20 ms to start, a tenth of a no-change build. */
export function formatDate(date: Date): string {
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

async function readManifest(out: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(manifestFile(out), 'utf8')) as Partial<Manifest> & { mdbrief?: string };
    if (manifest.mdbrief !== cacheIdentity || typeof manifest.key !== 'string' || typeof manifest.files !== 'object' || !manifest.files) return undefined;
    // A manifest naming anything but the build's own outputs was not written by a build: nothing of it is trusted.
    if (!Object.keys(manifest.files).every(isOutputPath)) return undefined;
    return manifest as Manifest;
  } catch {
    return undefined;
  }
}

async function writeManifest(out: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(manifestFile(out), toJson({ mdbrief: cacheIdentity, ...manifest }), out);
}

/** How an image resolved, in a word for the manifest: its sha256, or the problem found. */
function imageState(image: ResolvedImage): string {
  return 'sha' in image ? image.sha : `problem: ${image.problem}`;
}

async function imagesUnchanged(sources: string, images: Record<string, string> | undefined): Promise<boolean> {
  const entries = Object.entries(images ?? {});
  if (entries.length === 0) return true;
  const root = await realpath(sources);
  for (const [relative, state] of entries) if (imageState(await resolveImage(root, relative)) !== state) return false;
  return true;
}

async function filesPresent(out: string, files: Record<string, string>): Promise<boolean> {
  return (await Promise.all(Object.keys(files).map((file) => exists(path.join(out, file))))).every(Boolean);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Deletes what the previous build wrote and this one did not (the outputs of a removed source). */
async function removeStale(out: string, previous: Manifest | undefined, files: Record<string, string>): Promise<void> {
  for (const file of Object.keys(previous?.files ?? {})) {
    if (!(file in files) && isOutputPath(file) && (await insideWithoutLinks(out, path.join(out, file)))) await rm(path.join(out, file), { force: true });
  }
}

/** A cached analysis is trusted only when it has the shape this version writes. */
function isSourceAnalysis(value: unknown): value is SourceAnalysis {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<SourceAnalysis>;
  return (
    typeof candidate.source?.path === 'string' &&
    typeof candidate.source.name === 'string' &&
    typeof candidate.metadata === 'object' &&
    Array.isArray(candidate.tables) &&
    Array.isArray(candidate.briefTables) &&
    Array.isArray(candidate.findings) &&
    typeof candidate.appendixHtml === 'string' &&
    Array.isArray(candidate.diagnostics)
  );
}

/** What the briefing needs of a source besides its parts: its name, metadata and problems. */
type SourceHead = Pick<SourceAnalysis, 'source' | 'metadata' | 'diagnostics'>;

function headOf(analysis: SourceAnalysis): SourceHead {
  return { source: analysis.source, metadata: analysis.metadata, diagnostics: analysis.diagnostics };
}

/**
 * A source as the briefing uses it, cached by its analysis and the templates: its head, the cache keys of its two
 * printed parts, its output files with their digests, and its `--verbose` lines. A rebuild that changed neither reads
 * this instead of the analysis (hundreds of KB with its charts) and renders no template.
 */
interface SourceSummary {
  analysis: SourceHead;
  brief: string;
  appendix: string;
  files: Record<string, string>;
  details: string[];
}

function isSourceSummary(value: unknown): value is SourceSummary {
  if (typeof value !== 'object' || value === null) return false;
  const { analysis, brief, appendix, files, details } = value as Partial<SourceSummary>;
  return (
    typeof analysis?.source?.path === 'string' &&
    typeof analysis.metadata === 'object' &&
    Array.isArray(analysis.diagnostics) &&
    typeof brief === 'string' &&
    typeof appendix === 'string' &&
    typeof files === 'object' &&
    files !== null &&
    Object.values(files).every((digest) => typeof digest === 'string') &&
    Array.isArray(details)
  );
}

type Outcome =
  | { summary: SourceSummary; brief: PrintedPart; appendix: PrintedPart }
  | { analysis: SourceAnalysis; fresh: boolean; summaryKey: string }
  | { error: unknown };

/** A source whose parts printed: what the briefing and the brief alone are made of. */
interface PrintedSource {
  analysis: SourceHead;
  brief: PrintedPart;
  appendix: PrintedPart;
  /** The cache keys of the two parts (the hashes of their HTML). */
  briefKey: string;
  appendixKey: string;
}

interface PartToPrint {
  html: string;
  key: string;
  name: string;
  cached: PrintedPart | undefined;
}

/** A printed part in the cache: the batch PDF it is in (by that PDF's sha256), its marker there and its pages. */
interface PartEntry {
  batch: string;
  marker: string;
  first: number;
  count: number;
}

function isPartEntry(value: unknown): value is PartEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { batch, marker, first, count } = value as Partial<PartEntry>;
  return typeof batch === 'string' && /^[0-9a-f]{64}$/.test(batch) && typeof marker === 'string' && Number.isInteger(first) && first! >= 0 && Number.isInteger(count) && count! > 0;
}
