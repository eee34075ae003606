/**
 * Where each line starts and ends, with the line endings micromark counts (`\r\n`, `\r`, `\n`), so a line number
 * and column turn back into an offset.
 */
export interface LineIndex {
  /** Offset of the first character of line i (0-based index; mdast line = i + 1). */
  starts: number[];
  /** Offset just after the last character of line i, before its line ending. */
  ends: number[];
}

export function indexLines(text: string): LineIndex {
  const starts: number[] = [0];
  const ends: number[] = [];
  const length = text.length;
  for (let at = 0; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code === 10) {
      ends.push(at);
      starts.push(at + 1);
    } else if (code === 13) {
      ends.push(at);
      if (text.charCodeAt(at + 1) === 10) at++;
      starts.push(at + 1);
    }
  }
  ends.push(length);
  return { starts, ends };
}
