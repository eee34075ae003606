/**
 * lines: the source text of a block, or of a run of sibling blocks, as written: remark's text has lost the escapes
 * (`\\` → `\`) and the indentation that LaTeX and aligned tables need, so detectors read the source by position.
 * What a block's containers put before each line (`- `, `> `, a list item's indentation) is blanked out, so
 * columns aligned with spaces stay aligned.
 */
import type { RootContent } from 'mdast';
import type { Scan } from './grids.js';

export interface SourceLine {
  /** 1-based line in the source. */
  line: number;
  text: string;
}

function linesBetween(lines: string[], startLine: number, startColumn: number, endLine: number): SourceLine[] {
  const prefix = startColumn - 1;
  const out: SourceLine[] = [];
  for (let line = startLine; line <= endLine; line++) {
    const raw = (lines[line - 1] ?? '').replace(/\r$/, '');
    const head = raw.slice(0, prefix);
    // The first line's prefix is its container's marker; later lines carry the container's indentation or `>`.
    const blank = line === startLine || /^[\s>]*$/.test(head) ? ' '.repeat(head.length) : head;
    out.push({ line, text: blank + raw.slice(prefix) });
  }
  return out;
}

/** A block's source lines. */
export function sourceLines(node: RootContent | undefined, lines: string[]): SourceLine[] {
  const start = node?.position?.start;
  const end = node?.position?.end;
  if (!start || !end) return [];
  return linesBetween(lines, start.line, start.column, end.line);
}

/** The source lines from `siblings[first]` to `siblings[last]`, blank lines between them included, as one text. */
export function spanLines(scan: Scan, first: number, last: number): { text: string; firstLine: number; entries: SourceLine[] } {
  const start = scan.siblings[first]?.position?.start;
  const end = scan.siblings[last]?.position?.end;
  if (!start || !end) return { text: '', firstLine: 0, entries: [] };
  const entries = linesBetween(scan.lines, start.line, start.column, end.line);
  return { text: entries.map((entry) => entry.text).join('\n'), firstLine: start.line, entries };
}
