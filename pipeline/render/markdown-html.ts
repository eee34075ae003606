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
import { imageScheme } from '../images.js';
import { documentOrigin } from './origin.js';
import type { TableRecord } from '../types.js';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';


/** Strict schema: GitHub's, with images only as references we made, and no remote or script links. */
export const sourceSchema: Schema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
    // Only `mdbrief-image:` references made by `localImages` from relative paths; remote and file: sources are gone.
    src: [imageScheme],
    longDesc: [],
  },
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== 'input'),
  attributes: { ...defaultSchema.attributes, img: ['src', 'alt', 'title'] },
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
  /** Told of each link refused because it leads to one of mdbrief's own addresses (its words are kept). */
  refused?: (href: string, line: number | undefined) => void;
  /** Told how many raw HTML tags were dropped for nesting deeper than `maxHtmlDepth` (their content is kept). */
  flattened?: (tags: number) => void;
}

/** Raw HTML nested deeper than this is flattened, as Markdown nesting is (bound.ts): parse5's tree is converted
 * recursively, one call per level, and 10,000 levels overflowed the stack. */
export const maxHtmlDepth = 64;

const voidElements: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// `[^<>]*`: a tag never runs past the next `<`, so text full of `<` is scanned once.
const htmlTag = /<(\/?)([a-z][a-z\d-]*)\b[^<>]*?(\/?)>/giu;

/**
 * Drops raw HTML tags (from the source's `html` nodes, in document order) that would open an element deeper than
 * `maxHtmlDepth`, with their closing tags; returns how many were dropped.
 */
function boundHtmlNesting(tree: Root): number {
  const open: boolean[] = [];
  let depth = 0;
  let dropped = 0;
  visit(tree, 'html', (node) => {
    node.value = node.value.replace(htmlTag, (tag: string, closing: string, name: string, selfClosing: string) => {
      if (voidElements.has(name.toLowerCase()) || selfClosing === '/') return tag;
      if (closing === '/') {
        const kept = open.pop();
        if (kept === false) {
          dropped++;
          return '';
        }
        if (kept) depth--;
        return tag;
      }
      const keep = depth < maxHtmlDepth;
      open.push(keep);
      if (keep) depth++;
      else dropped++;
      return keep ? tag : '';
    });
  });
  return dropped;
}

const toHast = unified()
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
  .use(rehypeRaw)
  .freeze();

export function markdownToHtml(tree: Root, options: HtmlOptions): string {
  const dropped = boundHtmlNesting(tree);
  if (dropped > 0) options.flattened?.(dropped);
  // remark-rehype builds a new tree and leaves the mdast as it was: no copy needed.
  const hast = toHast.runSync(tree) as HastRoot;
  localImages(hast);
  const safe = unified()
    .use(rehypeSanitize, { ...sourceSchema, clobberPrefix: options.idPrefix })
    .runSync(hast) as HastRoot;
  prefixInPageLinks(safe, options.idPrefix, options.refused ?? (() => {}));
  fillSlots(safe, options.slots ?? new Map());
  return toHtml(safe);
}

/**
 * An image with a relative path that stays inside the sources folder becomes an `mdbrief-image:` reference for the
 * build to resolve; any other (remote, `file:`, `data:`, absolute, `../` out of the folder) becomes its alternative
 * text, marked, so the reader knows one stood there and nothing is fetched.
 */
function localImages(tree: HastRoot): void {
  visit(tree, 'element', (element: Element, index, parent) => {
    if (element.tagName !== 'img' || !parent || index === undefined) return;
    const alt = typeof element.properties['alt'] === 'string' ? element.properties['alt'].trim() : '';
    const local = insideSources(element.properties['src']);
    if (local !== null) {
      element.properties = { src: `${imageScheme}:${encodeURIComponent(local)}`, alt };
      return;
    }
    const text = alt === '' ? '[image]' : `[image: ${alt}]`;
    parent.children.splice(index, 1, { type: 'element', tagName: 'em', properties: {}, children: [{ type: 'text', value: text }] });
  });
}

/** `figures/a.png`, `./a.png`, `x/../a.png` → a normalised path inside the folder; anything else → null. */
function insideSources(src: unknown): string | null {
  if (typeof src !== 'string' || src === '' || /^[a-z][a-z\d+.-]*:|^[/\\]/i.test(src)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(src.replace(/[?#].*$/, ''));
  } catch {
    return null;
  }
  const parts: string[] = [];
  for (const part of decoded.split(/[/\\]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? null : parts.join('/');
}

/**
 * In-page links prefixed like the ids they lead to; links to mdbrief's own addresses (any `.invalid` host, relative
 * paths included: they resolve against the document's) lose their target, so no source can write a part marker or a
 * jump of ours.
 */
function prefixInPageLinks(tree: HastRoot, prefix: string, refused: NonNullable<HtmlOptions['refused']>): void {
  visit(tree, 'element', (element: Element) => {
    const href = element.properties['href'];
    if (typeof href === 'string' && href.startsWith('#') && href.length > 1) {
      element.properties['href'] = `#${prefix}${safeDecode(href.slice(1))}`;
    } else if (href === '#') {
      // `[Table 1](#)` points nowhere: keep the words, drop the dead link.
      delete element.properties['href'];
    } else if (typeof href === 'string' && isInternalAddress(href)) {
      delete element.properties['href'];
      refused(href, element.position?.start.line);
    }
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Whether a link, resolved as Chromium resolves it (against our document's address), leads to a `.invalid` host:
 * mdbrief's documents, part markers and cross-part jumps live there, and nothing real does. A link that does not
 * parse is refused too, since nobody can tell where Chromium would take it.
 */
export function isInternalAddress(href: string): boolean {
  let host: string;
  try {
    host = new URL(href, `${documentOrigin}/`).hostname.toLowerCase().replace(/\.+$/, '');
  } catch {
    return true;
  }
  return host === 'invalid' || host.endsWith('.invalid');
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
