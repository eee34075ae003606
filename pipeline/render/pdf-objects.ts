/**
 * pdf-objects: a PDF as Chromium writes it (one classic cross-reference table, no object streams) read at the byte
 * level: where each object is, which objects it refers to, and its bytes with those references renumbered. What
 * pdf-lib would parse whole, the assembler and the structure-tree stripper need only located and copied.
 */

export interface IndirectObject {
  number: number;
  /** Byte range of the whole object, `N G obj` to the end of `endobj`. */
  start: number;
  end: number;
  /** Byte range of its body: after `obj`, up to `endobj` (a dictionary and its stream data, an array, …). */
  bodyStart: number;
  bodyEnd: number;
}

export interface Layout {
  objects: IndirectObject[];
  /** The trailer dictionary's byte range, from the `trailer` keyword, and its `/Size`. */
  trailer: { keyword: number; start: number; end: number; size: number };
}

/** Objects and trailer of a PDF written once with one classic cross-reference table, as Chromium writes them. */
export function readLayout(pdf: Uint8Array): Layout | null {
  const tailText = decode(pdf, Math.max(0, pdf.length - 1024), pdf.length);
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tailText);
  if (!startxref) return null;
  const xrefAt = Number(startxref[1]);
  const table = /^xref\s+/.exec(decode(pdf, xrefAt, Math.min(pdf.length, xrefAt + 16)));
  if (!table) return null;
  const keyword = indexOf(pdf, 'trailer', xrefAt);
  if (keyword === -1) return null;
  const trailerText = decode(pdf, keyword, pdf.length);
  const dictionary = /^trailer\s*(<<[\s\S]*?>>)\s*startxref/.exec(trailerText);
  const size = dictionary && /\/Size\s+(\d+)/.exec(dictionary[1]!);
  if (!dictionary || !size || /\/(Prev|XRefStm|Encrypt)\b/.test(dictionary[1]!)) return null;

  // Entries are 20 bytes each (`nnnnnnnnnn ggggg n` and a two-byte end of line), read as bytes: there are thousands.
  const offsets: Array<{ number: number; offset: number }> = [];
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  for (let at = xrefAt + table[0].length; at < keyword; ) {
    const lineEnd = bytes.indexOf(0x0a, at);
    const subsection = /^(\d+) (\d+)\s*$/.exec(decode(pdf, at, lineEnd === -1 ? keyword : lineEnd));
    if (!subsection) break;
    const [first, count] = [Number(subsection[1]), Number(subsection[2])];
    at = lineEnd + 1;
    for (let entry = 0; entry < count; entry++, at += 20) {
      if (at + 20 > keyword) return null;
      if (pdf[at + 17] === 0x6e /* n */) offsets.push({ number: first + entry, offset: digits(pdf, at, at + 10) });
      else if (pdf[at + 17] !== 0x66 /* f */) return null;
    }
    while (at < keyword && isWhite(pdf[at]!)) at++;
  }
  // An object runs to the next one (or the table): its bytes are kept whole, stream data included.
  const ordered = offsets.filter(({ offset }) => offset > 0 && offset < xrefAt).sort((a, b) => a.offset - b.offset);
  const objects: IndirectObject[] = [];
  for (const [index, { number, offset }] of ordered.entries()) {
    const limit = ordered[index + 1]?.offset ?? xrefAt;
    const header = /^(\d+)\s+\d+\s+obj\b/.exec(decode(pdf, offset, Math.min(limit, offset + 32)));
    if (Number(header?.[1]) !== number) return null;
    const end = bytes.lastIndexOf('endobj', limit - 'endobj'.length, 'latin1');
    if (end < offset + header![0].length) return null;
    objects.push({ number, start: offset, end: end + 'endobj'.length, bodyStart: offset + header![0].length, bodyEnd: end });
  }
  return { objects, trailer: { keyword, start: keyword + 'trailer'.length, end: keyword + dictionary[0].lastIndexOf('>>') + 2, size: Number(size[1]) } };
}

/** A reference `N G R` in an object: the number it names and where it is written. */
export interface Reference {
  number: number;
  start: number;
  end: number;
}

/**
 * References written in `pdf[start, end)` up to its stream data (`stop`: where that starts, or `end`), except the
 * values of the keys in `skip`. A small tokenizer: strings and comments are skipped, so text that looks like a
 * reference is not one.
 */
export function references(pdf: Uint8Array, start: number, end: number, skip: ReadonlySet<string> = noKeys): { found: Reference[]; stop: number } {
  const found: Reference[] = [];
  const skipLengths = new Set([...skip].map((key) => key.length));
  // The last two tokens (value when an unsigned integer, else null; where each starts), and where a skipped
  // reference would start.
  let previous: number | null = null;
  let beforePrevious: number | null = null;
  let previousStart = 0;
  let beforePreviousStart = 0;
  let index = 0;
  let skipFrom = -1;
  const token = (integer: number | null, at: number) => {
    beforePrevious = previous;
    beforePreviousStart = previousStart;
    previous = integer;
    previousStart = at;
    index++;
  };
  let at = start;
  while (at < end) {
    const byte = pdf[at]!;
    const tokenStart = at;
    if (isWhite(byte)) at++;
    else if (byte === 0x25 /* % */) {
      while (at < end && pdf[at] !== 0x0a && pdf[at] !== 0x0d) at++;
    } else if (byte === 0x28 /* ( */) {
      at = stringEnd(pdf, at, end);
      token(null, tokenStart);
    } else if (byte === 0x3c /* < */ && pdf[at + 1] !== 0x3c) {
      while (at < end && pdf[at] !== 0x3e) at++;
      at++;
      token(null, tokenStart);
    } else if (isDelimiter(byte) && byte !== 0x2f /* a name's / starts a word */) {
      at += (byte === 0x3c || byte === 0x3e) && pdf[at + 1] === byte ? 2 : 1;
      token(null, tokenStart);
    } else {
      at++;
      while (at < end && !isWhite(pdf[at]!) && !isDelimiter(pdf[at]!)) at++;
      // Words are read as bytes, not decoded: a batch holds thousands of objects.
      const length = at - tokenStart;
      if (byte === 0x73 /* s */ && length === 6 && decode(pdf, tokenStart, at) === 'stream') return { found, stop: tokenStart };
      if (byte === 0x52 /* R */ && length === 1 && previous !== null && beforePrevious !== null && index - 2 !== skipFrom) {
        found.push({ number: beforePrevious, start: beforePreviousStart, end: at });
      }
      if (byte === 0x2f /* / */ && skipLengths.has(length - 1) && skip.has(decode(pdf, tokenStart + 1, at))) skipFrom = index + 1;
      token(isDigits(pdf, tokenStart, at) ? digits(pdf, tokenStart, at) : null, tokenStart);
    }
  }
  return { found, stop: end };
}

const noKeys: ReadonlySet<string> = new Set();

/**
 * An object's body with every reference renumbered (`null` where `renumber` gives null: an object not copied), its
 * stream data, if any, copied as it is.
 */
export function renumberedBody(pdf: Uint8Array, object: IndirectObject, renumber: (number: number) => number | null): Uint8Array {
  const { found } = references(pdf, object.bodyStart, object.bodyEnd);
  if (found.length === 0) return pdf.slice(object.bodyStart, object.bodyEnd);
  const chunks: Uint8Array[] = [];
  let at = object.bodyStart;
  for (const reference of found) {
    chunks.push(pdf.subarray(at, reference.start));
    const number = renumber(reference.number);
    chunks.push(ascii(number === null ? 'null' : `${number} 0 R`));
    at = reference.end;
  }
  chunks.push(pdf.subarray(at, object.bodyEnd));
  return concat(chunks);
}

const asciiEncoder = new TextEncoder();
const ascii = (text: string) => asciiEncoder.encode(text);

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The index just past a literal string starting at `at` (nested parentheses balance; a backslash escapes). */
function stringEnd(pdf: Uint8Array, at: number, end: number): number {
  let depth = 0;
  for (; at < end; at++) {
    const byte = pdf[at];
    if (byte === 0x5c /* backslash */) at++;
    else if (byte === 0x28) depth++;
    else if (byte === 0x29 && --depth === 0) return at + 1;
  }
  return end;
}

const isWhite = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
// ( ) < > [ ] { } / %
const isDelimiter = (byte: number) => byte === 0x28 || byte === 0x29 || byte === 0x3c || byte === 0x3e || byte === 0x5b || byte === 0x5d || byte === 0x7b || byte === 0x7d || byte === 0x2f || byte === 0x25;

const latin1 = new TextDecoder('latin1');
export const decode = (pdf: Uint8Array, start: number, end: number) => latin1.decode(pdf.subarray(start, end));

function indexOf(pdf: Uint8Array, text: string, from: number): number {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).indexOf(text, from, 'latin1');
}

function isDigits(pdf: Uint8Array, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (pdf[at]! < 0x30 || pdf[at]! > 0x39) return false;
  return true;
}

/** The unsigned integer written in ASCII digits in `pdf[start, end)`. */
function digits(pdf: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let at = start; at < end; at++) value = value * 10 + pdf[at]! - 0x30;
  return value;
}
