/**
 * printed-document: a printed PDF → what assembling reads of it (its pages in order, their link annotations, its
 * named destinations and outline), parsed by pdf-lib one object at a time, and a copy of chosen pages into another
 * document in which every other object (content streams, fonts, images) stays bytes, its references renumbered.
 * pdf-lib's own load and copyPages parse, clone and write again every object: for 100 cached batches that was most
 * of a rebuild's assembly time.
 */
import { PDFArray, PDFContext, PDFDict, PDFDocument, PDFInvalidObject, PDFName, PDFNull, PDFObjectParser, PDFPage, PDFPageLeaf, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { readLayout, references, renumberedBody, type IndirectObject, type Layout } from './pdf-objects.js';

export interface PrintedDocument {
  /** Object number of each page, in order. */
  readonly pages: readonly number[];
  readonly catalog: PDFDict;
  /** A value with a reference followed (the object parsed on first use), in the document's own numbering. */
  resolve(value: PDFObject | undefined): PDFObject | undefined;
  /** Copies the pages at `indices` (0-based) into `doc`, with all they use; the pages are not added to its page tree. */
  copyPages(doc: PDFDocument, indices: readonly number[]): PDFPage[];
}

const parentKey: ReadonlySet<string> = new Set(['Parent']);

export async function readPrinted(pdf: Uint8Array): Promise<PrintedDocument> {
  const layout = readLayout(pdf);
  const read = layout && readLaidOut(pdf, layout);
  if (read) return read;
  // Not as Chromium writes (an xref stream, attributes inherited from the page tree): rewritten once by pdf-lib.
  const normalized = await normalize(pdf);
  const again = readLayout(normalized);
  const readAgain = again && readLaidOut(normalized, again);
  if (!readAgain) throw new Error('a printed document could not be read: its cross-reference table is not one pdf-lib writes either');
  return readAgain;
}

function readLaidOut(pdf: Uint8Array, layout: Layout): PrintedDocument | null {
  const objects = new Map<number, IndirectObject>(layout.objects.map((object) => [object.number, object]));
  const scratch = PDFContext.create();
  const parse = (number: number): PDFObject | undefined => {
    const ref = PDFRef.of(number);
    const known = scratch.lookup(ref);
    if (known) return known;
    const object = objects.get(number);
    if (!object) return undefined;
    // Only the dictionary is parsed: stream data is never needed here.
    const { stop } = references(pdf, object.bodyStart, object.bodyEnd);
    const parsed = PDFObjectParser.forBytes(pdf.subarray(object.bodyStart, stop), scratch).parseObject();
    scratch.assign(ref, parsed);
    return parsed;
  };
  const resolve = (value: PDFObject | undefined) => (value instanceof PDFRef ? parse(value.objectNumber) : value);
  const dictOf = (value: PDFObject | undefined) => {
    const resolved = resolve(value);
    return resolved instanceof PDFDict ? resolved : undefined;
  };
  const arrayOf = (value: PDFObject | undefined) => {
    const resolved = resolve(value);
    return resolved instanceof PDFArray ? resolved : undefined;
  };

  const trailerRefs = references(pdf, layout.trailer.start, layout.trailer.end).found;
  const trailer = PDFObjectParser.forBytes(pdf.subarray(layout.trailer.start, layout.trailer.end), scratch).parseObject();
  const catalog = trailer instanceof PDFDict ? dictOf(trailer.get(PDFName.of('Root'))) : undefined;
  if (!catalog || trailerRefs.length === 0) return null;

  // The page tree, walked in order; its nodes are never copied (pages are re-parented).
  const pages: number[] = [];
  const treeNodes = new Set<number>();
  const walk = (value: PDFObject | undefined): boolean => {
    if (!(value instanceof PDFRef)) return false;
    const node = dictOf(value);
    if (!node) return false;
    const type = node.get(PDFName.of('Type'));
    if (type === PDFName.of('Page')) {
      // Attributes inherited from the tree would be lost with the tree: such a document is normalized first.
      if (!node.has(PDFName.of('MediaBox')) || !node.has(PDFName.of('Resources'))) return false;
      pages.push(value.objectNumber);
      return true;
    }
    treeNodes.add(value.objectNumber);
    const kids = arrayOf(node.get(PDFName.of('Kids')));
    return kids !== undefined && kids.asArray().every(walk);
  };
  if (!walk(catalog.get(PDFName.of('Pages')))) return null;

  const pageSet = new Set(pages);
  // Pages' annotations are read now: finding a batch's parts and re-pointing links go through all of them.
  for (const number of pages) for (const annotation of arrayOf(dictOf(PDFRef.of(number))!.get(PDFName.of('Annots')))?.asArray() ?? []) resolve(annotation);

  const copyPages = (doc: PDFDocument, indices: readonly number[]): PDFPage[] => {
    const used = indices.map((index) => {
      const number = pages[index];
      if (number === undefined) throw new Error(`page ${index + 1} is not in the printed document (${pages.length} pages)`);
      return number;
    });
    const usedSet = new Set(used);
    // What the pages use, in a fixed order; never another page, the page tree or the catalog.
    const closure: number[] = [];
    const seen = new Set<number>();
    const pending = [...used].reverse();
    for (let number = pending.pop(); number !== undefined; number = pending.pop()) {
      if (seen.has(number) || treeNodes.has(number) || (pageSet.has(number) && !usedSet.has(number)) || !objects.has(number)) continue;
      seen.add(number);
      closure.push(number);
      const object = objects.get(number)!;
      const found = references(pdf, object.bodyStart, object.bodyEnd, pageSet.has(number) ? parentKey : undefined).found;
      for (let index = found.length - 1; index >= 0; index--) pending.push(found[index]!.number);
    }
    // Parsed into `doc`, to be changed there: the pages, their annotations and the resources holding the fonts.
    const parsed = new Set<number>(used);
    for (const number of used) {
      const page = dictOf(PDFRef.of(number))!;
      const annots = page.get(PDFName.of('Annots'));
      if (annots instanceof PDFRef) parsed.add(annots.objectNumber);
      for (const annotation of arrayOf(annots)?.asArray() ?? []) if (annotation instanceof PDFRef) parsed.add(annotation.objectNumber);
      const resources = page.get(PDFName.of('Resources'));
      if (resources instanceof PDFRef) parsed.add(resources.objectNumber);
      const fonts = dictOf(resources)?.get(PDFName.of('Font'));
      if (fonts instanceof PDFRef) parsed.add(fonts.objectNumber);
    }
    const renumbered = new Map(closure.map((number) => [number, doc.context.nextRef()]));
    const renumber = (number: number) => renumbered.get(number)?.objectNumber ?? null;
    for (const number of closure) {
      const ref = renumbered.get(number)!;
      // What was parsed is copied as objects; the rest as bytes.
      if (parsed.has(number)) doc.context.assign(ref, renumberedCopy(parse(number)!, doc.context, renumber));
      else doc.context.assign(ref, PDFInvalidObject.of(renumberedBody(pdf, objects.get(number)!, renumber)));
    }
    return used.map((number) => {
      const ref = renumbered.get(number)!;
      const leaf = doc.context.lookup(ref);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error(`object ${number} of a printed document is listed as a page but is not one`);
      // Contents as an array, so the page's own streams can be wrapped and stamped without being parsed.
      const contents = leaf.get(PDFName.of('Contents'));
      if (contents instanceof PDFRef) leaf.set(PDFName.of('Contents'), doc.context.obj([contents]));
      return PDFPage.of(leaf, ref, doc);
    });
  };

  return { pages, catalog, resolve, copyPages };
}

/** A parsed object in another document: dictionaries and arrays copied, references renumbered (null: not copied). */
function renumberedCopy(value: PDFObject, context: PDFContext, renumber: (number: number) => number | null): PDFObject {
  if (value instanceof PDFRef) {
    const number = renumber(value.objectNumber);
    return number === null ? PDFNull : PDFRef.of(number);
  }
  if (value instanceof PDFArray) {
    const array = PDFArray.withContext(context);
    for (const item of value.asArray()) array.push(renumberedCopy(item, context, renumber));
    return array;
  }
  if (value instanceof PDFStream) throw new Error('a stream of a printed document cannot be copied as an object');
  if (value instanceof PDFDict) {
    const entries = new Map(value.entries().map(([key, item]) => [key, renumberedCopy(item, context, renumber)]));
    return value instanceof PDFPageLeaf ? PDFPageLeaf.fromMapWithContext(entries, context) : PDFDict.fromMapWithContext(entries, context);
  }
  // Names, numbers, strings, booleans and null are never changed in place: shared.
  return value;
}

/** The document as pdf-lib writes it: a classic cross-reference table, every page carrying what it inherited. */
async function normalize(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  for (const page of doc.getPages()) {
    for (const key of ['MediaBox', 'Resources', 'CropBox', 'Rotate'].map((name) => PDFName.of(name))) {
      const value = page.node.getInheritableAttribute(key);
      if (value && !page.node.has(key)) page.node.set(key, value);
    }
  }
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
