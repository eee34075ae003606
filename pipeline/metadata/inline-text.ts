/**
 * Plain text of mdast content, with superscripts kept apart.
 * Converters write affiliation and footnote marks as `<sup>a, *</sup>` (inline HTML) or `^{a, *}` (LaTeX-ish); metadata
 * needs the text without them and, for author lines, the marks themselves.
 */
import type { Nodes } from 'mdast';

/** A piece of inline text: either ordinary text or the content of a superscript mark. */
export interface InlinePiece {
  text: string;
  superscript: boolean;
}

const supOpen = /^<sup\b[^>]*>$/i;
const supClose = /^<\/sup>$/i;
// No brace inside: an unclosed `^{` is scanned to the next brace, not to the end of the text each time.
const latexSup = /\^\{([^{}]*)\}/g;

/** The inline content of a node as pieces, line breaks as `\n`, `<sup>` and `^{…}` content flagged. */
export function inlinePieces(node: Nodes): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  let inSup = 0;
  const push = (text: string, superscript: boolean) => {
    // Split LaTeX-ish superscripts out of plain text: `Bui Nam Khanh ^{a, *}`.
    let last = 0;
    for (const match of text.matchAll(latexSup)) {
      if (match.index > last) pieces.push({ text: text.slice(last, match.index), superscript });
      pieces.push({ text: match[1] ?? '', superscript: true });
      last = match.index + match[0].length;
    }
    if (last < text.length) pieces.push({ text: text.slice(last), superscript });
  };
  const walk = (current: Nodes) => {
    switch (current.type) {
      case 'text':
      case 'inlineCode':
        push(current.value, inSup > 0);
        return;
      case 'break':
        pieces.push({ text: '\n', superscript: false });
        return;
      case 'html': {
        const tag = current.value.trim();
        if (supOpen.test(tag)) inSup++;
        else if (supClose.test(tag)) inSup = Math.max(0, inSup - 1);
        else if (/^<br\s*\/?>$/i.test(tag)) pieces.push({ text: '\n', superscript: false });
        return;
      }
      default:
        if ('children' in current) for (const child of current.children) walk(child as Nodes);
    }
  };
  walk(node);
  return pieces;
}

/** Plain text without superscript marks, white space collapsed per line. */
export function plainText(node: Nodes): string {
  return collapse(
    inlinePieces(node)
      .filter((piece) => !piece.superscript)
      .map((piece) => piece.text)
      .join(''),
  );
}

/** The lines of a block's plain text (hard breaks and soft line ends both split). */
export function plainLines(node: Nodes): string[] {
  return plainText(node)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Collapse runs of spaces and tabs inside each line; trim each line. */
export function collapse(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .trim();
}
