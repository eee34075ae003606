/**
 * Font collections: the installed CJK faces come as one `.ttc` file holding several fonts that share their glyphs.
 * pdf-lib embeds a single font, so the chosen font is copied out of the collection as a font file of its own.
 */

const u32 = (view: DataView, at: number) => view.getUint32(at);
const u16 = (view: DataView, at: number) => view.getUint16(at);

/** Whether the bytes are a font collection (`ttcf`). */
export function isCollection(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'ttcf';
}

/** Font `index` of a collection as a standalone font file: its table directory and the tables it points at. */
export function fontFromCollection(bytes: Uint8Array, index: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = u32(view, 8);
  if (index < 0 || index >= count) throw new Error(`font collection has ${count} fonts, no font ${index}`);
  const start = u32(view, 12 + 4 * index);
  const tables = u16(view, start + 4);
  const directory = 12 + 16 * tables;
  const records = Array.from({ length: tables }, (_, table) => {
    const at = start + 12 + 16 * table;
    return { at, checksum: u32(view, at + 4), offset: u32(view, at + 8), length: u32(view, at + 12) };
  });
  // Tables start on 4-byte boundaries, as the format asks.
  const padded = (length: number) => (length + 3) & ~3;
  const size = directory + records.reduce((sum, record) => sum + padded(record.length), 0);
  const out = new Uint8Array(size);
  const outView = new DataView(out.buffer);
  out.set(bytes.subarray(start, start + 12), 0);
  let offset = directory;
  records.forEach((record, table) => {
    const at = 12 + 16 * table;
    out.set(bytes.subarray(record.at, record.at + 8), at);
    outView.setUint32(at + 8, offset);
    outView.setUint32(at + 12, record.length);
    out.set(bytes.subarray(record.offset, record.offset + record.length), offset);
    offset += padded(record.length);
  });
  return out;
}
