/**
 * Small helpers shared by the rules: a node's source text and line, its Markdown, its plain text.
 * `before` in the change log is the source as written whenever the node still has its position.
 */
import type { Html, Nodes, Root, RootContent, Text } from 'mdast';
import { defaultHandlers, type Handle } from 'mdast-util-to-markdown';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';

export const stringifyOptions: Options = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  rule: '-',
  listItemIndent: 'one',
  fences: true,
};

/**
 * remark-stringify escapes every `[` in text; one that cannot start a link (no `](`, `][` or `]:` after its `]`) and
 * is no footnote call (`[^`) reads better bare, and parses back the same since we write no definitions.
 */
const text: Handle = (node: Text, parent, state, info) =>
  defaultHandlers.text(node, parent, state, info).replace(/\\\[([^\]\\^[][^\]\\[]*)\](?![([:])/g, '[$1]');

/**
 * HTML blocks that CommonMark ends only at their closing mark, else at the end of the document (`<!--`, `<?`,
 * `<!DOCTYPE`, CDATA, `<script>`, `<pre>`, `<style>`, `<textarea>`), each with the mark that closes it.
 */
const runToEnd: Array<{ open: RegExp; close: (open: RegExpExecArray) => string }> = [
  { open: /^<!--/, close: () => '-->' },
  { open: /^<\?/, close: () => '?>' },
  { open: /^<!\[CDATA\[/, close: () => ']]>' },
  { open: /^<![A-Za-z]/, close: () => '>' },
  { open: /^<(script|pre|style|textarea)(?=[\s>]|$)/i, close: (open) => `</${open[1]!.toLowerCase()}>` },
];

/**
 * An HTML block that never closes ran to the end of its source; written with blocks after it (footnote definitions
 * go to the end), it would swallow them on the next reading. It is closed, which shows nothing more.
 */
const html: Handle = (node: Html, parent) => {
  const value = defaultHandlers.html(node);
  if (!parent || parent.children[parent.children.length - 1] === node) return value;
  for (const { open, close } of runToEnd) {
    const match = open.exec(value);
    if (!match) continue;
    const mark = close(match);
    return value.slice(match[0].length).toLowerCase().includes(mark) ? value : `${value}${/\s$/.test(value) ? '' : ' '}${mark}`;
  }
  return value;
};

const stringifier = unified()
  .use(remarkStringify, { ...stringifyOptions, handlers: { text, html } })
  // Unpadded tables: a long text cell would otherwise widen every row of its column.
  .use(remarkGfm, { tablePipeAlign: false })
  .freeze();

/** Markdown for a whole tree. */
export function stringifyMarkdown(tree: Root): string {
  return stringifier.stringify(tree);
}

/** Markdown for some blocks or inline nodes, without the trailing newline. */
export function markdownOf(...nodes: Nodes[]): string {
  const children = nodes.map((node) =>
    node.type === 'root' ? node.children : isBlock(node) ? [node] : [{ type: 'paragraph', children: [node] }],
  );
  return stringifyMarkdown({ type: 'root', children: children.flat() as RootContent[] }).trimEnd();
}

function isBlock(node: Nodes): node is RootContent {
  return ['paragraph', 'heading', 'list', 'table', 'blockquote', 'code', 'html', 'thematicBreak', 'footnoteDefinition', 'definition'].includes(
    node.type,
  );
}

/** 1-based source line where a node starts, or null for a node we made. */
export function lineOf(node: Nodes | undefined): number | null {
  return node?.position?.start.line ?? null;
}

/** The source text a node was parsed from, or its Markdown when it has no position. */
export function sourceOf(text: string, node: Nodes): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return markdownOf(node);
  return text.slice(start, end);
}

/** Plain text, white space collapsed. */
export function plainText(node: Nodes): string {
  return toString(node).replace(/\s+/g, ' ').trim();
}

/** Plain text lines of a block (soft and hard breaks both end a line). */
export function plainLines(node: Nodes): string[] {
  const parts: string[] = [];
  const walk = (current: Nodes) => {
    if (current.type === 'break') parts.push('\n');
    else if ('value' in current && current.type !== 'html') parts.push(current.value);
    else if ('children' in current) for (const child of current.children) walk(child as Nodes);
  };
  walk(node);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '');
}
