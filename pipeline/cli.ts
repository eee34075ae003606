/**
 * cli: `mdbrief <command> [options]`. Parses arguments, prints progress and one line per problem, sets the exit status:
 * 0 everything built, 1 some source failed, 2 usage error. All work is done by the stages it calls.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KeptHelpers } from './kept-helpers.js';
import { printable } from './printable.js';
import { createProgress, summaryLine } from './progress.js';
import { code, version } from './version.js';
import type { Diagnostic } from './types.js';
import type { AnalysisTask, TaskResults } from './analyse-pool.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

class UsageError extends Error {}

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
  run: (values: Record<string, string | boolean | Array<string | boolean> | undefined>, positionals: string[]) => Promise<number>;
}

const commonOptions = { help: { type: 'boolean', short: 'h' } } as const;

type Values = Parameters<Command['run']>[0];

const buildOptionSpec = {
  ...commonOptions,
  sources: { type: 'string', default: 'sources' },
  out: { type: 'string', default: 'output' },
  title: { type: 'string', default: 'Research briefing' },
  jobs: { type: 'string' },
  timeout: { type: 'string', default: '60' },
  templates: { type: 'string', default: path.join(packageRoot, 'templates') },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

const buildOptionHelp = `Options:
  --sources DIR     folder of Markdown sources (*.md), default sources/
  --out DIR         output folder, default output/
  --title TEXT      report title on the cover and in the PDF's metadata, default "Research briefing"
  --jobs N          documents printed at once by the one Chromium, default: the number of cores
  --timeout SECONDS time allowed to load and print one document, default 60; a source that takes longer fails alone
  --templates DIR   Handlebars templates and CSS, default the ones shipped with mdbrief
  -q, --quiet       print only problems
  -v, --verbose     also print each part as it is printed
Environment:
  SOURCE_DATE_EPOCH  seconds since 1970: the date printed on the cover and stored in the PDF
  MDBRIEF_CHROMIUM   Chromium binary, default /usr/bin/chromium`;

/** One build with progress, its problems on stderr and the summary line; returns the exit status. */
async function runBuild(values: Values, helpers?: KeptHelpers): Promise<number> {
  const jobs = values['jobs'] === undefined ? availableParallelism() : Number(values['jobs']);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number ≥ 1, not "${String(values['jobs'])}"`);
  const started = Date.now();
  const verbosity = values['quiet'] === true ? 'quiet' : values['verbose'] === true ? 'verbose' : 'normal';
  const progress = createProgress(verbosity, started);
  const timeout = Number(values['timeout']);
  if (!(timeout > 0)) throw new UsageError(`--timeout takes a number of seconds > 0, not "${String(values['timeout'])}"`);
  const { date, fixed } = reportDate();
  const { outputInsideSources, outsideSourcesMessage } = await import('./output.js');
  if (await outputInsideSources(String(values['sources']), String(values['out']))) throw new UsageError(outsideSourcesMessage(String(values['sources']), String(values['out'])));
  // Ctrl-C and SIGTERM stop the build cleanly: Chromium closed, the lock released, no half-written file.
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => stop.abort(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Stages load on demand: `--help` and usage errors answer without loading Chromium's driver or pdf-lib.
  const { build } = await import('./build.js');
  try {
    const result = await build({
      sources: String(values['sources']),
      out: String(values['out']),
      title: String(values['title']),
      templates: String(values['templates']),
      jobs,
      date,
      fixedDate: fixed,
      reporter: progress,
      timeout: timeout * 1000,
      signal: stop.signal,
      ...(helpers ? { helpers } : {}),
    });
    progress.finish();
    for (const diagnostic of result.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    if (verbosity !== 'quiet') process.stdout.write(`${summaryLine(result, Date.now() - started)}\n`);
    return result.failed.length > 0 || result.briefing === null ? exitCodes.failed : exitCodes.ok;
  } catch (error) {
    if (!stop.signal.aborted) throw error;
    progress.finish();
    process.stderr.write(`mdbrief: stopped (${String(stop.signal.reason)}); the output folder keeps its previous complete files\n`);
    return stop.signal.reason === 'SIGINT' ? 130 : 143;
  } finally {
    progress.finish();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const commands: Record<string, Command> = {
  build: {
    summary: 'build output/briefing.pdf and the per-source files from a folder of Markdown sources',
    usage: 'mdbrief build [--sources DIR] [--out DIR] [--title TEXT] [--jobs N] [--templates DIR] [--quiet|--verbose]',
    options: buildOptionSpec,
    help: `${buildOptionHelp}
Exit status: 0 all sources built, 1 some source failed (the others are built), 2 usage error.`,
    run: (values) => runBuild(values),
  },
  tables: {
    summary: 'print the tables of one source as typed records (JSON, schema mdbrief.tables/1)',
    usage: 'mdbrief tables <file.md>',
    options: { ...commonOptions },
    help: `Prints every table found in the source as JSON, in the format of ../shared/contracts/tables.md: columns with
their header path and type, rows with each cell's raw text and parsed value, checks such as total-mismatch.
The build writes the same to output/tables/<slug>.json, and one CSV per table.
Exit status: 0 printed, 1 the file could not be read, 2 usage error.`,
    run: async (_values, positionals) => {
      const source = await readOneSource(positionals);
      process.stdout.write(`${JSON.stringify(await boundedTask('tables', source), null, 2)}\n`);
      return exitCodes.ok;
    },
  },
  clean: {
    summary: 'print the cleaned Markdown of one source (the appendix text); --changes prints the change log as JSON',
    usage: 'mdbrief clean <file.md> [--changes]',
    options: { ...commonOptions, changes: { type: 'boolean' } },
    help: `Prints what the briefing's appendix is made from: the source with journal furniture, page-break debris and
converter markup removed, headings normalised and tables written as GFM tables. With --changes, prints instead the
log of every change (rule, source line, text before, text after) as JSON.
Exit status: 0 printed, 1 the file could not be read, 2 usage error.`,
    run: async (values, positionals) => {
      const source = await readOneSource(positionals);
      const cleaned = await boundedTask('clean', source);
      process.stdout.write(values['changes'] ? `${JSON.stringify({ source: source.path, changes: cleaned.changes }, null, 2)}\n` : cleaned.markdown);
      return exitCodes.ok;
    },
  },
  watch: {
    summary: 'build, then rebuild whenever a source or template is saved (Ctrl-C stops)',
    usage: 'mdbrief watch [build options]',
    options: buildOptionSpec,
    help: `Builds once, then watches the sources and templates folders and rebuilds after each save (one build at a time;
changes made during a build start one more). A broken source prints its error; the others stay built.
${buildOptionHelp}`,
    run: async (values) => {
      // The workers and Chromium stay up from build to build: a rebuild after a save starts neither again.
      const helpers = new KeptHelpers();
      try {
        await runBuild(values, helpers);
        const { watchAndRebuild } = await import('./watch.js');
        const watcher = watchAndRebuild({
          paths: [String(values['sources']), String(values['templates'])],
          rebuild: async (changed) => {
            process.stdout.write(`mdbrief: changed: ${printable(changed.join(', '))}\n`);
            await runBuild(values, helpers);
          },
          onError: (error) => process.stderr.write(`mdbrief watch: ${printable(error instanceof Error ? error.message : String(error))}\n`),
        });
        await watcher.ready;
        process.stdout.write(`mdbrief: watching ${printable(String(values['sources']))} and the templates (Ctrl-C stops)\n`);
        await new Promise<void>((resolve) => {
          const stop = () => void watcher.close().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return exitCodes.ok;
      } finally {
        await helpers.close();
      }
    },
  },
};

/** The one source a per-file command works on, decoded as the build would; a file that cannot be read is an error. */
async function readOneSource(positionals: string[]): Promise<import('./types.js').Source> {
  if (positionals.length !== 1) throw new UsageError(`expects exactly one Markdown file, got ${positionals.length}`);
  const { readSource } = await import('./read.js');
  const result = await readSource(positionals[0]!);
  if ('message' in result) throw new Error(formatDiagnostic(result));
  for (const diagnostic of result.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  return result.source;
}

/**
 * A per-file command's stages in a worker, within the build's time and memory per source: a file that would stall
 * or exhaust them fails with the reason (exit status 1) instead of running without end.
 */
async function boundedTask<T extends AnalysisTask>(task: T, source: import('./types.js').Source): Promise<TaskResults[T]> {
  const { AnalysisPool, analysisDefaults } = await import('./analyse-pool.js');
  const pool = new AnalysisPool({ ...analysisDefaults, size: 1 });
  try {
    return await pool.run(task, source);
  } catch (error) {
    throw new Error(formatDiagnostic({ severity: 'error', file: source.path, message: `could not be read for ${task === 'clean' ? 'cleaning' : 'its tables'}: ${error instanceof Error ? error.message : String(error)}` }));
  } finally {
    await pool.close();
  }
}

/** `file:line: error: message`, the shape compilers use, so editors can jump to it. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  return printable(`${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}: ${diagnostic.severity}: ${diagnostic.message}`);
}

/** The report date: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
function reportDate(): { date: Date; fixed: boolean } {
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined || epoch === '') return { date: new Date(), fixed: false };
  const seconds = Number(epoch);
  if (!/^\d+$/.test(epoch) || !Number.isSafeInteger(seconds)) {
    throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, not "${epoch}"`);
  }
  return { date: new Date(seconds * 1000), fixed: true };
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return `mdbrief ${version}: a folder of Markdown research sources → one shareable briefing PDF

Usage: mdbrief <command> [options]   (mdbrief <command> --help for its options)

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
  .join('\n')}
`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  if (name === '--version') {
    process.stdout.write(`${version} (code ${code.slice(0, 12)})\n`);
    return exitCodes.ok;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`mdbrief: unknown command "${printable(name)}"\n${mainHelp()}`);
    return exitCodes.usage;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    if (values['help']) {
      process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n\n${command.help}\n`);
      return exitCodes.ok;
    }
    return await command.run(values, positionals);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`mdbrief ${name}: ${printable(error.message)}\nUsage: ${command.usage}\n`);
      return exitCodes.usage;
    }
    process.stderr.write(`mdbrief ${name}: ${printable(error instanceof Error ? error.message : String(error))}\n`);
    return exitCodes.failed;
  }
}
