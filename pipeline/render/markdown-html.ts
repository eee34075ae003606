/**
 * Source Markdown (mdast) → safe HTML for the PDF: remark-rehype, raw HTML parsed (rehype-raw) and then sanitized with
 * a strict schema, so nothing from a source can run, load or restyle the page. Ids are namespaced per source, and
 * blocks can be swapped for trusted HTML we generate (tables) after sanitizing, through unforgeable slots.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Root, RootContent } from 'mdast';
import type { TableRecord } from '../types.js';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** Strict schema: GitHub's minus images from anywhere but data we embed, and no remote or script links. */
export const sourceSchema: Schema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
    // Images may only be relative paths (resolved inside sources/ by the build); remote and file: sources are dropped.
    src: [],
    longDesc: [],
  },
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => !['input', 'img'].includes(name)),
  // Elements dropped with their content (others not allowed are unwrapped, their text kept): style sheets and scripts
  // must not turn into visible text.
  strip: ['script', 'style', 'template', 'noscript', 'title', 'iframe', 'object', 'embed', 'svg', 'math', 'video', 'audio', 'canvas', 'select', 'textarea', 'button'],
};

// NUL cannot occur in a decoded source (read.ts removes it), so a slot marker can only come from us.
const slotMarker = '\u0000mdbrief-slot:';

/** A paragraph that the HTML stage replaces with trusted HTML `id` after sanitizing. */
export function slotNode(id: string): RootContent {
  return { type: 'paragraph', children: [{ type: 'text', value: `${slotMarker}${id}\u0000` }] };
}

export interface HtmlOptions {
  /** Prefix for every id and in-page link from the source: keeps sources apart and off our own ids. */
  idPrefix: string;
  /** Trusted HTML for slots made by `slotNode`, by slot id. */
  slots?: ReadonlyMap<string, string>;
}

const toHast = unified()
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
  .use(rehypeRaw)
  .freeze();

export function markdownToHtml(tree: Root, options: HtmlOptions): string {
  // remark-rehype builds a new tree and leaves the mdast as it was: no copy needed.
  const hast = toHast.runSync(tree) as HastRoot;
  imagesToText(hast);
  const safe = unified()
    .use(rehypeSanitize, { ...sourceSchema, clobberPrefix: options.idPrefix })
    .runSync(hast) as HastRoot;
  prefixInPageLinks(safe, options.idPrefix);
  fillSlots(safe, options.slots ?? new Map());
  return toHtml(safe);
}

/** Images are not embedded (yet): each becomes its alternative text, marked, so the reader knows one stood there. */
function imagesToText(tree: HastRoot): void {
  visit(tree, 'element', (element: Element, index, parent) => {
    if (element.tagName !== 'img' || !parent || index === undefined) return;
    const alt = typeof element.properties['alt'] === 'string' ? element.properties['alt'].trim() : '';
    const text = alt === '' ? '[image]' : `[image: ${alt}]`;
    parent.children.splice(index, 1, { type: 'element', tagName: 'em', properties: {}, children: [{ type: 'text', value: text }] });
  });
}

function prefixInPageLinks(tree: HastRoot, prefix: string): void {
  visit(tree, 'element', (element: Element) => {
    const href = element.properties['href'];
    if (typeof href === 'string' && href.startsWith('#') && href.length > 1) {
      element.properties['href'] = `#${prefix}${decodeURIComponent(href.slice(1))}`;
    } else if (href === '#') {
      // `[Table 1](#)` points nowhere: keep the words, drop the dead link.
      delete element.properties['href'];
    }
  });
}

function fillSlots(tree: HastRoot, slots: ReadonlyMap<string, string>): void {
  visit(tree, 'element', (element: Element, index, parent) => {
    if (element.tagName !== 'p' || !parent || index === undefined) return;
    const only = element.children.length === 1 ? element.children[0] : undefined;
    if (only?.type !== 'text' || !only.value.startsWith(slotMarker)) return;
    const id = only.value.slice(slotMarker.length, -1);
    const html = slots.get(id);
    const replacement: ElementContent[] = html === undefined ? [] : (fromHtml(html, { fragment: true }).children as ElementContent[]);
    parent.children.splice(index, 1, ...replacement);
    return index + replacement.length;
  });
}

/**
 * The tree with each table's blocks replaced by a slot for its trusted HTML: a table written as tab-separated lines
 * would otherwise print as one run-on paragraph.
 */
export function withTableSlots(tree: Root, tables: TableRecord[]): Root {
  const children: Root['children'] = [];
  const placed = new Set<string>();
  for (const block of tree.children) {
    const start = block.position?.start.line ?? 0;
    const end = block.position?.end.line ?? 0;
    const table = tables.find((candidate) => start <= candidate.lines[1] && end >= candidate.lines[0]);
    if (!table) {
      children.push(block);
      continue;
    }
    if (!placed.has(table.id)) {
      placed.add(table.id);
      children.push(slotNode(table.id));
    }
  }
  return { ...tree, children };
}
