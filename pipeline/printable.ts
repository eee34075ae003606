/**
 * printable: text from sources (file names, messages quoting them) as one safe terminal line. A name holding an escape
 * sequence could recolour, retitle or clear the terminal, a newline could forge a line of the report, and a
 * bidirectional override could show a name backwards.
 */

const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with control characters, line separators and direction marks written as escapes (`\x1b`, `\n`, `\u202e`). */
export function printable(text: string): string {
  return text.replace(unsafe, (char) => {
    const code = char.charCodeAt(0);
    return named[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}
