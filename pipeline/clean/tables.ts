/**
 * tables: each table the tables stage found is written back as one GFM table built from its record: one header
 * row (group paths joined with ` / `), numbers as parsed, the caption above (`**Table 1.** Title`, after an anchor
 * `<a id="table-1">` that in-text links point to) and the notes below. Its source lines, caption and notes go.
 */
import type { AlignType, Blockquote, FootnoteDefinition, List, ListItem, Paragraph, Root, RootContent, Table, TableCell as MdCell } from 'mdast';
import type { TableCell, TableColumn, TableRecord } from '../types.js';
import { captionLines } from '../tables/index.js';
import { dotGroupedDigits } from '../tables/numbers.js';
import type { CleanRule } from './rule.js';
import { labelKey } from './labels.js';
import { lineOf, markdownOf, plainLines, sourceOf } from './text.js';

/** How far from the table a caption or note may stand, in blocks. */
const captionReach = 2;

function normalise(text: string): string {
  return text.replace(/[*_]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A number as the cleaned table writes it, read back as the same number whatever else its column holds: a decimal
 * that looks like dot-grouped thousands (`1.223`, read so beside `1,682`) gets a trailing zero (`1.2230`).
 */
function numberText(value: number): string {
  const text = String(value);
  return dotGroupedDigits.test(text.replace(/^-/, '')) ? `${text}0` : text;
}

function cellText(cell: TableCell, column: TableColumn | undefined): string {
  // A period is a label, not a quantity: `half of 2019` must not become `2019`.
  if (column?.type === 'year') return cell.raw;
  if (typeof cell.value === 'number') {
    const percent = column?.type === 'percent' && cell.raw.includes('%') ? '%' : '';
    const secondary = cell.secondary === undefined ? '' : ` (${numberText(cell.secondary)})`;
    return `${numberText(cell.value)}${percent}${secondary}`;
  }
  return cell.value ?? cell.raw;
}

function tableNode(record: TableRecord): Table {
  const numeric = (column: TableColumn) => column.type !== 'text';
  const align: AlignType[] = record.columns.map((column) => (numeric(column) ? 'right' : null));
  const row = (texts: string[]) => ({
    type: 'tableRow' as const,
    children: texts.map((text): MdCell => ({ type: 'tableCell', children: text === '' ? [] : [{ type: 'text', value: text }] })),
  });
  return {
    type: 'table',
    align,
    children: [
      row(record.columns.map((column) => column.path.join(' / '))),
      ...record.rows.map((tableRow) => row(record.columns.map((column, index) => {
        const cell = tableRow.cells[index];
        return cell ? cellText(cell, column) : '';
      }))),
    ],
  };
}

function captionNode(record: TableRecord): Paragraph {
  const children: Paragraph['children'] = [{ type: 'html', value: `<a id="${record.id}"></a>` }];
  if (record.label !== null) {
    const label = /[.:]$/.test(record.label) ? record.label : `${record.label}.`;
    children.push({ type: 'strong', children: [{ type: 'text', value: label }] });
  }
  if (record.title !== null) children.push({ type: 'text', value: record.label === null ? record.title : ` ${record.title}` });
  return { type: 'paragraph', children };
}

/** Whether a line is the record's caption (`Table 1. Title`, not `Table 10 …`). */
function isCaptionLine(line: string, record: TableRecord): boolean {
  const label = record.label === null ? null : labelKey(record.label);
  const key = labelKey(line);
  return label !== null && key.startsWith(label) && !/\p{N}/u.test(key.charAt(label.length));
}

/** Whether a line is the record's caption, its title alone or one of its notes. */
function isCaptionOrNote(line: string, record: TableRecord): boolean {
  const text = normalise(line);
  return isCaptionLine(line, record) || (record.title !== null && text === normalise(record.title)) || record.notes.map(normalise).includes(text);
}

/** Whether every line of a block is the record's caption or one of its notes. */
function isCaptionOrNotes(block: RootContent | undefined, record: TableRecord): boolean {
  return block?.type === 'paragraph' && plainLines(block).every((line) => isCaptionOrNote(line, record));
}

/** Whether a block is a paragraph of the record's notes only (no caption line). */
function isNotes(block: RootContent, record: TableRecord): boolean {
  const notes = record.notes.map(normalise);
  return block.type === 'paragraph' && plainLines(block).every((line) => !isCaptionLine(line, record) && notes.includes(normalise(line)));
}

/**
 * The notes that the given note paragraphs do not hold. Those paragraphs stay as they are: a note rewritten from its
 * record loses the source's spacing (`*  author`), so the note that a first cleaning kept verbatim elsewhere would be
 * rewritten by the second.
 */
function notesNotIn(notes: string[], noteBlocks: RootContent[]): string[] {
  const held = noteBlocks.flatMap((block) => plainLines(block).map(normalise));
  return notes.filter((note) => {
    const at = held.indexOf(normalise(note));
    if (at === -1) return true;
    held.splice(at, 1);
    return false;
  });
}

/**
 * A paragraph whose first line is the record's caption and whose other lines are text (`Table 6. Seizures` ⏎ `in
 * tonnes`): the tables stage took the caption from it, so the caption line goes and the other lines stay as a
 * paragraph. Left whole, the next cleaning reads its caption line again, for the table before it.
 */
function captionRemainder(block: RootContent | undefined, record: TableRecord): Paragraph | null {
  if (block?.type !== 'paragraph') return null;
  const lines = plainLines(block);
  if (lines.length < 2 || !isCaptionLine(lines[0]!, record)) return null;
  const rest = lines.slice(1).filter((line) => !isCaptionOrNote(line, record));
  if (rest.length === 0) return null;
  return { type: 'paragraph', children: [{ type: 'text', value: rest.join('\n') }], position: block.position };
}

type Holder = Root | List | ListItem | Blockquote | FootnoteDefinition;

function isHolder(block: RootContent | undefined): block is List | ListItem | Blockquote | FootnoteDefinition {
  return block?.type === 'list' || block?.type === 'listItem' || block?.type === 'blockquote' || block?.type === 'footnoteDefinition';
}

/**
 * The node whose blocks hold a table's lines: the tree, or the list item, quote or footnote that holds them all (a
 * table in a list item replaces its own blocks there, not the whole list).
 */
function holder(tree: Root, first: number, last: number): Holder {
  let parent: Holder = tree;
  for (;;) {
    const children: RootContent[] = parent.children;
    const overlapping = children.filter((block) => block.position !== undefined && block.position.start.line <= last && block.position.end.line >= first);
    const only = overlapping.length === 1 ? overlapping[0] : undefined;
    if (!isHolder(only)) return parent;
    parent = only;
  }
}

/** The record id of each table this rule wrote, for the table-anchors rule. */
export const tableIds = new WeakMap<Table, string>();

export const tables: CleanRule = {
  name: 'tables',
  transform(tree: Root, context) {
    for (const record of context.tables) {
      const [first, last] = record.lines;
      const parent = holder(tree, first, last);
      const blocks: RootContent[] = parent.children;
      const inside = blocks
        .map((block, index) => ({ block, index }))
        .filter(({ block }) => block.position !== undefined && block.position.start.line <= last && block.position.end.line >= first)
        .map(({ index }) => index);
      if (inside.length === 0) continue;
      let start = inside[0]!;
      let end = inside[inside.length - 1]!;
      for (let step = 1; step <= captionReach && isCaptionOrNotes(blocks[start - 1], record); step++) start--;
      // A caption above page furniture: the caption joins its table, the furniture stays where it was, for its rule.
      const captionLine = captionLines.get(record);
      const captionAt = captionLine === undefined || start !== inside[0] ? -1 : blocks.findIndex((block, index) => index < start && block.position?.start.line === captionLine);
      const furniture = captionAt === -1 ? [] : blocks.slice(captionAt + 1, start);
      if (captionAt !== -1) start = captionAt;
      for (let step = 1; step <= captionReach && isCaptionOrNotes(blocks[end + 1], record); step++) end++;
      const noteBlocks = blocks.slice(inside[inside.length - 1]! + 1, end + 1).filter((block) => isNotes(block, record));
      const keptAbove = captionAt !== -1 ? captionRemainder(blocks[captionAt], record) : start === inside[0] ? captionRemainder(blocks[start - 1], record) : null;
      if (keptAbove && captionAt === -1) start--;
      const keptBelow = !keptAbove && end === inside[inside.length - 1] ? captionRemainder(blocks[end + 1], record) : null;
      if (keptBelow) end++;
      const removed = blocks.slice(start, end + 1);
      const table = tableNode(record);
      table.position = blocks[inside[0]!]!.position;
      tableIds.set(table, record.id);
      const caption = captionNode(record);
      caption.position = removed[0]!.position;
      const notes: Paragraph[] = notesNotIn(record.notes, noteBlocks).map((note) => ({ type: 'paragraph', children: [{ type: 'text', value: note }] }));
      const replacement: RootContent[] = [...furniture, ...(keptAbove ? [keptAbove] : []), caption, table, ...notes, ...noteBlocks, ...(keptBelow ? [keptBelow] : [])];
      const before = removed.map((block) => sourceOf(context.source.text, block)).join('\n\n');
      const after = markdownOf(...replacement);
      blocks.splice(start, end - start + 1, ...replacement);
      // The caption and the table are blocks apart, as at the top level: a list item that holds them is loose (a
      // tight one is written with a blank line only between paragraphs, which reads back as loose all the same).
      if (parent.type === 'listItem') parent.spread = true;
      if (normalise(before) !== normalise(after)) context.log({ line: lineOf(removed[0]), before, after });
    }
  },
};
