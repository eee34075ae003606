/**
 * bound: keeps pathological text within what the parser handles in linear time, before it parses.
 * Markdown parsers slow down sharply on very deep nesting (10,000 `>` or list levels) and on a paragraph of
 * megabytes; no real article needs either. Nesting deeper than `maxDepth` is flattened to it, and a line longer
 * than `maxLine` is split into paragraphs at sentence (else word) ends. Nothing is dropped; each change is a warning
 * with its line.
 */
import type { Diagnostic } from './types.js';

export interface BoundOptions {
  maxDepth?: number;
  maxLine?: number;
}

export interface Bounded {
  text: string;
  warnings: Array<Pick<Diagnostic, 'message' | 'line'>>;
}

const defaultDepth = 32;
const defaultLine = 20_000;

export function boundText(text: string, options: BoundOptions = {}): Bounded {
  const maxDepth = options.maxDepth ?? defaultDepth;
  const maxLine = options.maxLine ?? defaultLine;
  const warnings: Bounded['warnings'] = [];
  let flattened = 0;
  let firstFlattened = 0;
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, index) => {
    // Only lines that start with marks or deep indentation can nest: the rest skip the scan.
    let current = /^[ \t]*(?:[>*+-]|\d)/.test(line) || /^[ \t]{8}/.test(line) ? flattenNesting(line, maxDepth) : line;
    if (current !== line) {
      flattened++;
      firstFlattened ||= index + 1;
    }
    if (current.length > maxLine) {
      warnings.push({
        line: index + 1,
        message: `a line of ${current.length.toLocaleString('en-US')} characters was split into paragraphs (later line numbers shift)`,
      });
      current = splitLongLine(current, maxLine).join('\n\n');
    }
    out.push(current);
  });
  if (flattened > 0) {
    warnings.unshift({
      line: firstFlattened,
      message: `nesting deeper than ${maxDepth} levels (quotes or lists) was flattened to ${maxDepth} on ${flattened} line${flattened === 1 ? '' : 's'}`,
    });
  }
  return { text: out.join('\n'), warnings };
}

/** One container mark at a line's start: a quote `>`, or a list bullet or number followed by white space. */
const containerMark = /^[ \t]{0,3}(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+)/;

/**
 * At most `maxDepth` container marks at a line's start (`> > >`, `- - -`, `1. 1. 1.`, mixed), and at most
 * `2 × maxDepth` columns of indentation (list nesting written by indenting).
 */
function flattenNesting(line: string, maxDepth: number): string {
  let rest = line;
  let prefix = '';
  let count = 0;
  for (let match = containerMark.exec(rest); match && match[0].length > 0; match = containerMark.exec(rest)) {
    if (count < maxDepth) prefix += match[0];
    count++;
    rest = rest.slice(match[0].length);
  }
  if (count > maxDepth) return `${prefix}${rest}`;
  const indent = /^[ \t]+/.exec(line)?.[0] ?? '';
  const width = [...indent].reduce((sum, char) => sum + (char === '\t' ? 4 : 1), 0);
  if (width > 2 * maxDepth) return `${' '.repeat(2 * maxDepth)}${line.slice(indent.length)}`;
  return line;
}

/** Pieces of at most `max` characters, cut after a sentence end when there is one in the second half, else at a space. */
function splitLongLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! ')) + 1;
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut);
  }
  if (rest.trim() !== '') pieces.push(rest.trim());
  return pieces;
}
