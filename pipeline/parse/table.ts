/**
 * Simple GFM pipe tables, recognised and built without micromark (which spends ~1.5 ms on a 10-row table, ~3 ms
 * inside a large document). Only tables whose every detail is certain qualify, so the node is exactly remark's:
 * every line starts and ends with `|` (no white space after it, no tab), the second line is a delimiter row, every
 * row has as many cells as the delimiter row, and each cell holds nothing, plain text, or `**plain text**` (with a
 * letter or digit at both ends, so it is certainly strong). Plain text: no character that starts inline syntax
 * (`*_\`[]!<>&\\~|@`, controls) and no word GFM autolinks (`www`, `http`, `mailto`, `xmpp`).
 *
 * Whether the block is a top-level table at all (not inside a fenced code block, not continuing a list) is proved by
 * the caller (fast.ts) with a placeholder, as for plain paragraphs.
 */
import type { AlignType, PhrasingContent, Table, TableCell, TableRow } from 'mdast';
import type { Point } from 'unist';
import type { LineIndex } from './lines.js';

const plainText = '[^\\x00-\\x1f\\x7f*_`[\\]!<>&\\\\~|@ ](?:[^\\x00-\\x1f\\x7f*_`[\\]!<>&\\\\~|@]*[^\\x00-\\x1f\\x7f*_`[\\]!<>&\\\\~|@ ])?';
const edgeText = '[A-Za-z0-9](?:[^\\x00-\\x1f\\x7f*_`[\\]!<>&\\\\~|@]*[A-Za-z0-9])?';
/** A cell between two pipes: spaces, then nothing, plain text or `**plain text**`, then spaces. */
const cellPattern = new RegExp(`^( *)(?:(${plainText})|\\*\\*(${edgeText})\\*\\*)? *$`);
const delimiterCell = /^ *(:?)-+(:?) *$/;
const autolinkWord = /www|http|mailto|xmpp/i;

/** A row's cells: where each pipe stands, and each cell's content (offsets in the line). */
interface RowShape {
  pipes: number[];
  contents: Array<{ start: number; end: number; strong: boolean } | null>;
}

function rowShape(line: string): RowShape | null {
  if (line.length < 2 || line.charCodeAt(0) !== 124 || line.charCodeAt(line.length - 1) !== 124) return null;
  const pipes: number[] = [];
  for (let at = line.indexOf('|'); at !== -1; at = line.indexOf('|', at + 1)) pipes.push(at);
  const contents: RowShape['contents'] = [];
  for (let cell = 0; cell + 1 < pipes.length; cell++) {
    const from = pipes[cell]! + 1;
    const inner = line.slice(from, pipes[cell + 1]);
    const match = cellPattern.exec(inner);
    if (!match) return null;
    const lead = match[1]!.length;
    const body = match[2] ?? match[3];
    contents.push(body === undefined ? null : { start: from + lead, end: from + lead + body.length + (match[3] === undefined ? 0 : 4), strong: match[3] !== undefined });
  }
  return { pipes, contents };
}

export interface SimpleTable {
  align: AlignType[];
  rows: Array<{ line: number; shape: RowShape }>;
}

/** The block's table, when it is a simple one (see above); lines are 0-based. */
export function simpleTable(text: string, lines: LineIndex, first: number, last: number): SimpleTable | null {
  if (last === first) return null;
  const delimiter = text.slice(lines.starts[first + 1], lines.ends[first + 1]);
  if (!/^\|[ :|-]*\|$/.test(delimiter)) return null;
  const align: AlignType[] = [];
  for (const cell of delimiter.slice(1, -1).split('|')) {
    const match = delimiterCell.exec(cell);
    if (!match) return null;
    align.push(match[1] && match[2] ? 'center' : match[1] ? 'left' : match[2] ? 'right' : null);
  }
  const rows: SimpleTable['rows'] = [];
  for (let line = first; line <= last; line++) {
    if (line === first + 1) continue;
    const content = text.slice(lines.starts[line], lines.ends[line]);
    if (autolinkWord.test(content)) return null;
    const shape = rowShape(content);
    if (!shape || shape.contents.length !== align.length) return null;
    rows.push({ line, shape });
  }
  return { align, rows };
}

/** The mdast remark makes of a simple table: cells run from their pipe to the next; the last takes the closing one. */
export function tableNode(text: string, table: SimpleTable, lines: LineIndex, first: number, last: number): Table {
  const point = (line: number, column: number): Point => ({ line: line + 1, column: column + 1, offset: lines.starts[line]! + column });
  const children: TableRow[] = table.rows.map(({ line, shape }) => {
    const width = lines.ends[line]! - lines.starts[line]!;
    const cells: TableCell[] = shape.contents.map((content, cell) => {
      const end = cell + 2 < shape.pipes.length ? shape.pipes[cell + 1]! : width;
      const phrasing: PhrasingContent[] = [];
      if (content) {
        const value = text.slice(lines.starts[line]! + content.start + (content.strong ? 2 : 0), lines.starts[line]! + content.end - (content.strong ? 2 : 0));
        if (content.strong) {
          const inner = { type: 'text' as const, value, position: { start: point(line, content.start + 2), end: point(line, content.end - 2) } };
          phrasing.push({ type: 'strong', children: [inner], position: { start: point(line, content.start), end: point(line, content.end) } });
        } else {
          phrasing.push({ type: 'text', value, position: { start: point(line, content.start), end: point(line, content.end) } });
        }
      }
      return { type: 'tableCell', children: phrasing, position: { start: point(line, shape.pipes[cell]!), end: point(line, end) } };
    });
    return { type: 'tableRow', children: cells, position: { start: point(line, 0), end: point(line, width) } };
  });
  return {
    type: 'table',
    align: table.align,
    children,
    position: { start: point(first, 0), end: point(last, lines.ends[last]! - lines.starts[last]!) },
  };
}
