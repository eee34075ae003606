/**
 * structure-tree: a printed PDF → the same PDF without its structure tree.
 * Chromium tags every document it prints with an outline (`outline: true` implies `tagged`), and nine in ten of its
 * objects are then structure elements, which the assembler never copies (the briefing's pages are renumbered, so the
 * tree could not be carried over) yet pdf-lib parses on every load. Only what the catalog reaches without the
 * `/StructTreeRoot` (and the outline items' `/SE`) is kept, with its object numbers and bytes unchanged, behind a new
 * cross-reference table. A PDF this does not understand (no classic xref table, an incremental update) is returned
 * as it is: the result is the same, only slower to load.
 */

/** Keys whose references lead only into the structure tree. */
const structureKeys = new Set(['StructTreeRoot', 'SE']);
const structureKeyLengths = new Set([...structureKeys].map((key) => key.length));

interface IndirectObject {
  number: number;
  /** Byte range of the whole object, `N G obj` to the end of `endobj`. */
  start: number;
  end: number;
}

export function withoutStructureTree(pdf: Uint8Array): Uint8Array {
  const layout = readLayout(pdf);
  if (!layout) return pdf;
  const { objects, trailer } = layout;
  const byNumber = new Map(objects.map((object) => [object.number, object]));
  const kept = new Set<number>();
  const pending = references(pdf, trailer.start, trailer.end);
  for (let number = pending.pop(); number !== undefined; number = pending.pop()) {
    const object = byNumber.get(number);
    if (!object || kept.has(number)) continue;
    kept.add(number);
    pending.push(...references(pdf, object.start, object.end));
  }
  if (kept.size === objects.length) return pdf;

  const encoder = new TextEncoder();
  const header = pdf.subarray(0, Math.min(...objects.map((object) => object.start)));
  const chunks: Uint8Array[] = [header];
  let length = header.length;
  const offsets = new Map<number, number>();
  for (const object of objects) {
    if (!kept.has(object.number)) continue;
    offsets.set(object.number, length);
    chunks.push(pdf.subarray(object.start, object.end), newline);
    length += object.end - object.start + 1;
  }
  // Free entries form a list, each naming the next free number (0 ends it), as the xref table requires.
  const size = trailer.size;
  const free = Array.from({ length: size }, (_, number) => number).filter((number) => !offsets.has(number));
  const nextFree = new Map(free.map((number, position) => [number, free[position + 1] ?? 0]));
  const entries = Array.from({ length: size }, (_, number) => {
    const offset = offsets.get(number);
    if (offset !== undefined) return `${String(offset).padStart(10, '0')} 00000 n \n`;
    return `${String(nextFree.get(number)).padStart(10, '0')} ${number === 0 ? '65535' : '00001'} f \n`;
  });
  const tail = encoder.encode(`xref\n0 ${size}\n${entries.join('')}${decode(pdf, trailer.keyword, trailer.end)}\nstartxref\n${length}\n%%EOF\n`);
  chunks.push(tail);
  const out = new Uint8Array(length + tail.length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const newline = new Uint8Array([0x0a]);

interface Layout {
  objects: IndirectObject[];
  /** The trailer dictionary's byte range, from the `trailer` keyword, and its `/Size`. */
  trailer: { keyword: number; start: number; end: number; size: number };
}

/** Objects and trailer of a PDF written once with one classic cross-reference table, as Chromium writes them. */
function readLayout(pdf: Uint8Array): Layout | null {
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
    if (end < offset) return null;
    objects.push({ number, start: offset, end: end + 'endobj'.length });
  }
  return { objects, trailer: { keyword, start: keyword + 'trailer'.length, end: keyword + dictionary[0].lastIndexOf('>>') + 2, size: Number(size[1]) } };
}

/**
 * Object numbers referred to (`N G R`) in `pdf[start, end)` up to its stream data, except through the structure keys.
 * A small tokenizer: strings and comments are skipped, so text that looks like a reference is not one.
 */
function references(pdf: Uint8Array, start: number, end: number): number[] {
  const found: number[] = [];
  // Integer values of the last two tokens (null: not an unsigned integer), and where a skipped reference would start.
  let previous: number | null = null;
  let beforePrevious: number | null = null;
  let index = 0;
  let skipFrom = -1;
  const token = (integer: number | null) => {
    beforePrevious = previous;
    previous = integer;
    index++;
  };
  let at = start;
  while (at < end) {
    const byte = pdf[at]!;
    if (isWhite(byte)) at++;
    else if (byte === 0x25 /* % */) {
      while (at < end && pdf[at] !== 0x0a && pdf[at] !== 0x0d) at++;
    } else if (byte === 0x28 /* ( */) {
      at = stringEnd(pdf, at, end);
      token(null);
    } else if (byte === 0x3c /* < */ && pdf[at + 1] !== 0x3c) {
      while (at < end && pdf[at] !== 0x3e) at++;
      at++;
      token(null);
    } else if (isDelimiter(byte) && byte !== 0x2f /* a name's / starts a word */) {
      at += (byte === 0x3c || byte === 0x3e) && pdf[at + 1] === byte ? 2 : 1;
      token(null);
    } else {
      const wordStart = at;
      at++;
      while (at < end && !isWhite(pdf[at]!) && !isDelimiter(pdf[at]!)) at++;
      // Words are read as bytes, not decoded: a batch holds thousands of objects.
      const length = at - wordStart;
      if (byte === 0x73 /* s */ && length === 6 && decode(pdf, wordStart, at) === 'stream') break;
      if (byte === 0x52 /* R */ && length === 1 && previous !== null && beforePrevious !== null && index - 2 !== skipFrom) found.push(beforePrevious);
      if (byte === 0x2f /* / */ && structureKeyLengths.has(length - 1) && structureKeys.has(decode(pdf, wordStart + 1, at))) skipFrom = index + 1;
      token(isDigits(pdf, wordStart, at) ? digits(pdf, wordStart, at) : null);
    }
  }
  return found;
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
const decode = (pdf: Uint8Array, start: number, end: number) => latin1.decode(pdf.subarray(start, end));

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
