/**
 * structure-tree: a printed PDF → the same PDF without its structure tree.
 * Chromium tags every document it prints with an outline (`outline: true` implies `tagged`), and nine in ten of its
 * objects are then structure elements, which the assembler never copies (the briefing's pages are renumbered, so the
 * tree could not be carried over) yet pdf-lib parses on every load. Only what the catalog reaches without the
 * `/StructTreeRoot` (and the outline items' `/SE`) is kept, with its object numbers and bytes unchanged, behind a new
 * cross-reference table. A PDF this does not understand (no classic xref table, an incremental update) is returned
 * as it is: the result is the same, only slower to load.
 */

import { concat, decode, readLayout, references } from './pdf-objects.js';

/** Keys whose references lead only into the structure tree. */
const structureKeys: ReadonlySet<string> = new Set(['StructTreeRoot', 'SE']);

export function withoutStructureTree(pdf: Uint8Array): Uint8Array {
  const layout = readLayout(pdf);
  if (!layout) return pdf;
  const { objects, trailer } = layout;
  const byNumber = new Map(objects.map((object) => [object.number, object]));
  const kept = new Set<number>();
  const referred = (start: number, end: number) => references(pdf, start, end, structureKeys).found.map((reference) => reference.number);
  const pending = referred(trailer.start, trailer.end);
  for (let number = pending.pop(); number !== undefined; number = pending.pop()) {
    const object = byNumber.get(number);
    if (!object || kept.has(number)) continue;
    kept.add(number);
    pending.push(...referred(object.bodyStart, object.bodyEnd));
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
  return concat(chunks);
}

const newline = new Uint8Array([0x0a]);

