/**
 * text-end: runs of characters at the end of a text, found by walking back from it. A search such as `/[ \t]+$/`
 * tries every position of the text and scans each run to its end: quadratic in a long run, and linear in the whole
 * text on every call (a paragraph that grows by joins pays it again at each join).
 */

/** Where the run of characters that each match `member` (one character: `/[ \t]/`, `/\p{L}/u`) ending at `end` starts. */
export function runStart(text: string, member: RegExp, end: number = text.length): number {
  let start = end;
  while (start > 0) {
    const low = text.charCodeAt(start - 1);
    // A surrogate pair is one character: tested whole, so `\p{L}` sees an astral letter.
    const width = low >= 0xdc00 && low <= 0xdfff && start >= 2 && (text.charCodeAt(start - 2) & 0xfc00) === 0xd800 ? 2 : 1;
    if (!member.test(text.slice(start - width, start))) break;
    start -= width;
  }
  return start;
}

/** `text` without the run of `member` characters at its end (`/[ \t]+$/` removed, in linear time). */
export function withoutTrailing(text: string, member: RegExp): string {
  return text.slice(0, runStart(text, member));
}
