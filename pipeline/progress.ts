/**
 * progress: what the build says while it works. On a terminal, one live line (stage, item, n of m, elapsed) redrawn
 * in place; in CI or through a pipe, one plain line per source; `--verbose` adds each printed part; `--quiet`, nothing.
 */
import type { BuildReporter, BuildResult } from './build.js';
import { printable } from './printable.js';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

export interface Progress extends BuildReporter {
  /** Clears the live line, so what follows starts on a clean line. */
  finish(): void;
}

export function createProgress(
  verbosity: Verbosity,
  started: number,
  stream: NodeJS.WriteStream = process.stdout,
  live = stream.isTTY === true && !process.env['CI'],
): Progress {
  let drawn = false;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  return {
    progress(stage, item, done, total) {
      if (verbosity === 'quiet') return;
      if (live) {
        const line = `mdbrief: ${stage} ${done}/${total} ${printable(item)} · ${elapsed()}`;
        const width = stream.columns ?? 100;
        stream.write(`\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
        drawn = true;
      } else if (stage === 'analyse') {
        stream.write(`mdbrief: ${stage} ${done}/${total} ${printable(item)}\n`);
      }
    },
    detail(line) {
      if (verbosity !== 'verbose') return;
      if (drawn) stream.write('\r\x1b[2K');
      stream.write(`mdbrief: ${printable(line)}\n`);
    },
    notice(line) {
      if (drawn) stream.write('\r\x1b[2K');
      process.stderr.write(`mdbrief: ${printable(line)}\n`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

/** The closing line: `mdbrief: 2 built, 0 cached, 0 failed; 6 parts printed; 29 pages in 5.9 s`. */
export function summaryLine(result: BuildResult, milliseconds: number): string {
  const time = `${(milliseconds / 1000).toFixed(1)} s`;
  if (result.upToDate) {
    return `mdbrief: everything is up to date (${result.cached.length} sources, ${result.pages} pages) · ${time}`;
  }
  return (
    `mdbrief: ${result.built.length} built, ${result.cached.length} cached, ${result.failed.length} failed; ` +
    `${result.printed} parts printed; ${result.pages} pages · ${time}`
  );
}
