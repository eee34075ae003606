/**
 * Walking inline content: every parent of phrasing nodes in a tree, and `<tag>…</tag>` pairs of inline HTML inside
 * one. Converters write marks and styles as raw inline HTML that remark keeps as separate `html` nodes.
 */
import type { Delete, Emphasis, Heading, Link, LinkReference, Paragraph, PhrasingContent, Root, Strong, TableCell } from 'mdast';
import { visit } from 'unist-util-visit';
import { runStart, withoutTrailing } from '../text-end.js';

export type PhrasingParent = Paragraph | Heading | TableCell | Emphasis | Strong | Delete | Link | LinkReference;

const phrasingParents = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** Every node whose children are phrasing content, outermost first. */
export function phrasingParentsOf(tree: Root): PhrasingParent[] {
  const found: PhrasingParent[] = [];
  visit(tree, (node) => {
    if (phrasingParents.has(node.type)) found.push(node as PhrasingParent);
  });
  return found;
}

export interface TagPair {
  tag: string;
  open: number;
  close: number;
}

const openTag = /^<([a-z][a-z0-9]*)\b[^>]*>$/i;

/** The first `<tag>` … `</tag>` pair (same tag, html nodes among the siblings) at or after `from`, or null. */
export function nextTagPair(children: PhrasingContent[], from: number, tags: ReadonlySet<string>): TagPair | null {
  for (let open = from; open < children.length; open++) {
    const node = children[open]!;
    if (node.type !== 'html') continue;
    const match = openTag.exec(node.value.trim());
    const tag = match?.[1]?.toLowerCase();
    if (!tag || !tags.has(tag)) continue;
    for (let close = open + 1; close < children.length; close++) {
      const candidate = children[close]!;
      if (candidate.type === 'html' && new RegExp(`^</${tag}\\s*>$`, 'i').test(candidate.value.trim())) {
        return { tag, open, close };
      }
    }
  }
  return null;
}

/**
 * After inline nodes are removed (tags, empty links): texts they separated become one (remark decides escapes and
 * stray `**` within one text node, so split texts would be written differently from how they read back), a style or
 * text left empty goes, and a line break at either edge of its paragraph, which Markdown cannot write (a trailing `\`
 * reads back as a backslash), goes.
 */
export function tidy(parent: PhrasingParent): void {
  const merged: PhrasingContent[] = [];
  for (const child of parent.children) {
    // A style or text left empty (`_</sup>_`, a line end once its tag went) writes nothing: it keeps no break off
    // the edge.
    if ((child.type === 'emphasis' || child.type === 'strong' || child.type === 'delete') && child.children.length === 0) continue;
    if (child.type === 'text' && child.value === '') continue;
    const previous = merged[merged.length - 1];
    if (child.type === 'text' && previous?.type === 'text') {
      merged[merged.length - 1] = { ...previous, value: previous.value + child.value, ...(previous.position && child.position ? { position: { start: previous.position.start, end: child.position.end } } : {}) };
    } else merged.push(child);
  }
  while (merged[0]?.type === 'break') merged.shift();
  while (merged[merged.length - 1]?.type === 'break') merged.pop();
  // Nor a line end at an edge (it was before a tag or break that went): remark would write it as `&#xA;`.
  const first = merged[0];
  const last = merged[merged.length - 1];
  if (first?.type === 'text') first.value = first.value.replace(/^[ \t]*\n\s*/, '');
  // Looked at from the end (`/\s*\n[ \t]*$/` would scan the whole text): a paragraph tidied at each of many joins.
  if (last?.type === 'text' && last.value.charAt(runStart(last.value, /[ \t]/) - 1) === '\n') last.value = last.value.trimEnd();
  // Nor spaces at the end of a paragraph or heading: reading drops them.
  if (last?.type === 'text' && (parent.type === 'paragraph' || parent.type === 'heading')) last.value = withoutTrailing(last.value, /[ \t]/);
  parent.children = merged;
}
