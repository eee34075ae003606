/**
 * Walking inline content: every parent of phrasing nodes in a tree, and `<tag>…</tag>` pairs of inline HTML inside
 * one. Converters write marks and styles as raw inline HTML that remark keeps as separate `html` nodes.
 */
import type { Delete, Emphasis, Heading, Link, LinkReference, Paragraph, PhrasingContent, Root, Strong, TableCell } from 'mdast';
import { visit } from 'unist-util-visit';

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
