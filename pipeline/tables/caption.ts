/**
 * caption: the label, title and notes that belong to each table. A caption stands just before its table
 * (`Table 1. …`, `**Table 1.** …`, `<b>Table 1</b> …`) or, failing that, just after it (`**Fig 2.** …`); each caption
 * belongs to one table only, and a table's own caption before it wins over a neighbour's after it. A caption at the
 * foot of a page finds its table on the next one, past the page furniture and footnotes between them. A caption written
 * inside the table (HTML `<caption>`, LaTeX `\caption{}`, a caption line in the table's block) is its own: with a
 * label it is the caption; with a title only, a labelled caption beside the table gives the label (and its title,
 * when it has one). Notes are the `Source:`/`Note:`/`*` lines of the caption paragraph, of the table's own block and
 * of the paragraph right after the table. Captions are looked for among the table's siblings, so a table in a list
 * item finds its caption in the same item.
 */
import type { Root, RootContent } from 'mdast';
import { maxFurnitureBlocks, pageFurniture } from './furniture.js';
import { cellText, type Grid } from './grids.js';
import { sourceLines } from './lines.js';
import { captionPattern, notePattern } from './patterns.js';

export interface Caption {
  label: string | null;
  title: string | null;
  notes: string[];
  /** The caption block's first line, when page furniture stands between it and the table. */
  line?: number | undefined;
}

/** The lines of a block as a reader sees them (markup removed), from the source text; paragraphs only. */
function blockLines(block: RootContent | undefined, lines: string[]): string[] {
  if (!block || block.type !== 'paragraph') return [];
  return sourceLines(block, lines)
    .map((entry) => cellText(entry.text))
    .filter((line) => line !== '');
}

function asCaption(blockText: string[]): Caption | null {
  const match = captionPattern.exec(blockText[0] ?? '');
  if (!match) return null;
  const title = match[2]!.replace(/\s*\.$/, '').trim();
  return {
    label: match[1]!.replace(/\s+/g, ' ').replace(/\.$/, ''),
    title: title === '' ? null : title,
    notes: blockText.slice(1).filter((line) => notePattern.test(line)),
  };
}

/** A caption written inside the table: labelled (`Table 2. Seizures`) or a title alone. */
function ownCaption(grid: Grid): Caption | null {
  if (grid.caption === undefined) return null;
  const text = cellText(grid.caption);
  if (text === '') return null;
  return asCaption([text]) ?? { label: null, title: text.replace(/\s*\.$/, ''), notes: [] };
}

const after = (grid: Grid, step = 1) => grid.place.siblings[grid.place.last + step];

/** A footnote that the foot of a page leaves between a caption and its table on the next page (`* Corresponding …`). */
const footnoteLine = /^[*†‡]\s*\S/u;

export function findCaptions(_tree: Root, grids: Grid[], text: string): Caption[] {
  const lines = text.split('\n');
  const isFurniture = pageFurniture(text);
  const atPageBreak = (block: RootContent) => {
    if (isFurniture(block)) return true;
    const own = blockLines(block, lines);
    return own.length > 0 && own.every((line) => footnoteLine.test(line));
  };
  /** The block before a grid, looking past what a page break put between a caption and its table. */
  const before = (grid: Grid): RootContent | undefined => {
    const { siblings, first } = grid.place;
    for (let at = first - 1; at >= 0 && at >= first - 1 - maxFurnitureBlocks; at--) if (!atPageBreak(siblings[at]!)) return siblings[at];
    return undefined;
  };
  const claimed = new Set<RootContent>();
  const own = grids.map(ownCaption);
  const captions: Array<Caption | null> = grids.map((grid, position) => {
    if (own[position]?.label) return null;
    const block = before(grid);
    const caption = asCaption(blockLines(block, lines));
    if (caption && block) {
      claimed.add(block);
      if (block !== grid.place.siblings[grid.place.first - 1]) caption.line = block.position?.start.line;
    }
    return caption;
  });
  const fromAfter = new Set<number>();
  grids.forEach((grid, position) => {
    if (own[position]?.label || captions[position]) return;
    const next = after(grid);
    const nextTable = grids.findIndex((other) => other.place.siblings === grid.place.siblings && other.place.first === grid.place.last + 2);
    if (!next || claimed.has(next) || (nextTable !== -1 && !captions[nextTable] && !own[nextTable]?.label)) return;
    const caption = asCaption(blockLines(next, lines));
    if (caption) {
      claimed.add(next);
      captions[position] = caption;
      fromAfter.add(position);
    }
  });
  return grids.map((grid, position) => {
    const inside = own[position];
    const beside = captions[position];
    const caption: Caption =
      inside?.label || !beside
        ? (inside ?? { label: null, title: null, notes: [] })
        : { ...beside, title: beside.title ?? inside?.title ?? null };
    // Notes in the paragraph right after the table (or after its caption, when the caption follows it).
    const next = fromAfter.has(position) ? after(grid, 2) : after(grid);
    const following = next && !claimed.has(next) ? blockLines(next, lines) : [];
    const notes = following.length > 0 && following.every((line) => notePattern.test(line)) ? following : [];
    return { ...caption, notes: [...caption.notes, ...(grid.notes ?? []), ...notes] };
  });
}
