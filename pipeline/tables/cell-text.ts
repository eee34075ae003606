/**
 * cell-text: what a reader sees of a table cell, whatever format the table was written in. Every detector applies it,
 * so a table read from aligned text or LaTeX and the GFM table the cleaning writes back from it give the same cells.
 */
import { inlineMath } from './latex-text.js';
import { footnoteMark, keptMark } from './patterns.js';

/** An HTML tag or comment; not an autolink (`<https://…>`), whose text a reader sees. */
const htmlTag = /<!--[\s\S]*?-->|<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/giu;

/** `<b>1.666</b>` → `1.666`; `a<br>b` → `a b`; `**Total**` → `Total`; `\*` → `*`; `12<sup>a</sup>` → `12` (a footnote mark). */
export function cellText(text: string): string {
  return inlineMath(text)
    .replace(/(\d)\s*<sup>\s*([^<]{1,3}?)\s*<\/sup>/giu, (whole, digit: string, mark: string) =>
      footnoteMark.test(mark) ? digit + (keptMark.test(mark) ? mark : '') : whole,
    )
    // A line break inside a cell separates words: `GATS XVII<br>Reservation` is two words, not one.
    .replace(/<br\s*\/?>/giu, ' ')
    .replace(htmlTag, '')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
