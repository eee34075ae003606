/**
 * assemble: parts' pages (cover, contents, briefs, appendices) → one briefing PDF with pdf-lib.
 * Parts are cached and shared alone, though several print in one document (render/batch.ts); here their pages are
 * concatenated (copied as bytes where nothing changes: render/printed-document.ts), in-part links re-pointed at the
 * copied pages, cross-part links (`https://mdbrief.invalid/goto/<key>`) turned into real jumps, bookmarks built (each
 * part's own headings below its entry), the running header and `page N of M` stamped, and the document information
 * set.
 */
import type Fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFFont, type PDFObject, type PDFPage } from 'pdf-lib';
import { isPartMarker, type PrintedPages } from './batch.js';
import { useNativeDeflate } from './native-deflate.js';
import { documentOrigin } from './origin.js';
import { readPrinted, type PrintedDocument } from './printed-document.js';
import { fitRuns, runOperators, stampFonts, type StampFonts, type StampRun } from './stamp-text.js';

export interface AssemblyPart {
  /** Name that cross-part links use: `${documentOrigin}/goto/<key>`. */
  key: string;
  /** The printed document holding the part, and which of its pages are the part's (several parts print together). */
  printed: PrintedPages;
  /** Running header on its pages (right side); null: no header and no footer on this part (the cover). */
  running: string | null;
  /** Its entry in the bookmarks, under a group (`Briefs`), with the part's own headings below it when asked. */
  bookmark: { group: string | null; title: string; headings: boolean } | null;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  date: Date;
}

export interface Assembled {
  pdf: Uint8Array;
  pageCount: number;
  /** First page (1-based) of each part, by key. */
  starts: Map<string, number>;
}

interface OutlineItem {
  title: string;
  page: PDFPage;
  /** Top of the destination in PDF points; null for the top of the page. */
  top: number | null;
  children: OutlineItem[];
}

const gotoPrefix = `${documentOrigin}/goto/`;

/** Reads printed documents, each once: assemblies that take parts from the same batches share the reading. */
export type PrintedDocuments = (pdf: Uint8Array) => Promise<PrintedDocument>;

export function printedDocuments(): PrintedDocuments {
  const loaded = new Map<Uint8Array, Promise<PrintedDocument>>();
  return (pdf) => loaded.get(pdf) ?? loaded.set(pdf, readPrinted(pdf)).get(pdf)!;
}

export async function assemblePdf(parts: AssemblyPart[], info: DocumentInfo, fontBytes: Uint8Array, load: PrintedDocuments = printedDocuments()): Promise<Assembled> {
  useNativeDeflate();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fontkit = await loadFontkit();
  doc.registerFontkit(parsedOnce(fontkit));
  // A subset is named with a six-letter tag (PDF 32000 9.6.4); pdf-lib's own name (`NotoSans-Regular-7098`) reads as
  // a whole font to checkers. `MDBSTP` stays clear of the tags Chromium gives its fonts (`AAAAAA`, `BAAAAA`, …).
  const face = parsedOnce(fontkit).create(fontBytes);
  const font = shapeOnce(await doc.embedFont(fontBytes, { subset: true, customName: `MDBSTP+${face.postscriptName}` }), face);
  const starts = new Map<string, number>();
  const partPages: PDFPage[][] = [];
  const outline: OutlineItem[] = [];
  const groups = new Map<string, OutlineItem>();
  const crossLinks: Array<{ annotation: PDFDict; key: string }> = [];

  // Each printed document is read once and the pages its parts use copied in one call, so what the parts of a
  // batch share (fonts, images) is copied once.
  const printed = new Map<Uint8Array, { source: PrintedDocument; indexOf: Map<number, number>; copied: Map<number, PDFPage>; dests: PDFDict | undefined }>();
  for (const pdf of new Set(parts.map((part) => part.printed.pdf))) {
    const source = await load(pdf);
    const own = parts.filter((part) => part.printed.pdf === pdf);
    for (const { key, printed: { first, count } } of own) {
      if (first + count > source.pages.length) throw new Error(`part ${key}: pages ${first + 1}-${first + count} are not in its printed document`);
    }
    const used = own.flatMap(({ printed: { first, count } }) => Array.from({ length: count }, (_, page) => first + page));
    const pages = source.copyPages(doc, used);
    const dests = source.resolve(source.catalog.get(PDFName.of('Dests')));
    printed.set(pdf, {
      source,
      indexOf: new Map(source.pages.map((number, index) => [number, index])),
      copied: new Map(used.map((index, position) => [index, pages[position]!])),
      dests: dests instanceof PDFDict ? dests : undefined,
    });
  }

  for (const part of parts) {
    const { source, indexOf, copied: copiedPages, dests } = printed.get(part.printed.pdf)!;
    const { first, count } = part.printed;
    const copied = Array.from({ length: count }, (_, page) => copiedPages.get(first + page)!);
    for (const page of copied) doc.addPage(page);
    starts.set(part.key, doc.getPageCount() - copied.length + 1);
    partPages.push(copied);
    /** A page of this part, by its reference in the printed document (links and bookmarks point at those). */
    const pageOf = (ref: PDFObject | undefined) => {
      const index = ref instanceof PDFRef ? indexOf.get(ref.objectNumber) : undefined;
      return index === undefined || index < first || index >= first + count ? undefined : copiedPages.get(index);
    };
    for (const page of copied) crossLinks.push(...repointLinks(doc, page, dests && { dests, resolve: source.resolve }, pageOf));
    if (part.bookmark && copied[0]) {
      // Chromium's outline of a part has the part's title (h1) on top: its children are the part's sections.
      const headings = part.bookmark.headings ? readOutline(source, pageOf) : [];
      const item: OutlineItem = {
        title: part.bookmark.title,
        page: copied[0],
        top: null,
        children: headings.length === 1 ? headings[0]!.children : headings,
      };
      if (part.bookmark.group === null) outline.push(item);
      else {
        let group = groups.get(part.bookmark.group);
        if (!group) {
          group = { title: part.bookmark.group, page: copied[0], top: null, children: [] };
          groups.set(part.bookmark.group, group);
          outline.push(group);
        }
        group.children.push(item);
      }
    }
  }

  const pages = doc.getPages();
  for (const { annotation, key } of crossLinks) {
    const start = starts.get(key);
    const target = start === undefined ? undefined : pages[start - 1];
    annotation.delete(PDFName.of('A'));
    if (target) annotation.set(PDFName.of('Dest'), destination(doc, target, null));
  }
  if (outline.length > 0) doc.catalog.set(PDFName.of('Outlines'), writeOutline(doc, outline));
  doc.catalog.delete(PDFName.of('StructTreeRoot'));

  // Header texts are fitted once (shaping text is slow); only the page number changes from page to page.
  const pageWidth = pages[0]?.getWidth() ?? 595.92;
  const running = parts.map((part) => part.running).filter((text): text is string => text !== null);
  const stamp = await stampFonts(doc, fontkit, { font, face, name: stampFont }, [info.title, ...running]);
  const left = fitRuns(stamp, info.title, headerSize, (pageWidth - 2 * margin) * 0.45);
  let number = 0;
  parts.forEach((part, index) => {
    const own = partPages[index] ?? [];
    if (part.running === null) {
      number += own.length;
      return;
    }
    const right = fitRuns(stamp, part.running, headerSize, (pageWidth - 2 * margin) * 0.5);
    const header = new Map<string, PDFRef>();
    for (const page of own) {
      const { width, height } = page.getSize();
      const size = `${width}x${height}`;
      if (!header.has(size)) header.set(size, doc.context.register(doc.context.stream(headerOperators(stamp, left, right, width, height))));
      for (const used of stamp.fonts) page.node.setFontDictionary(used.name, used.ref);
      page.node.addContentStream(header.get(size)!);
      page.node.addContentStream(doc.context.register(doc.context.stream(footerOperators(font, ++number, pages.length, width))));
    }
  });

  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setKeywords(info.keywords);
  doc.setCreator(info.creator);
  doc.setProducer(info.creator);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  doc.setLanguage('en');
  // pdf-lib's writer waits for a timer every 50 objects by default (a 1,672-page briefing has 11,500): about 0.17 s.
  const pdf = await doc.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
  return { pdf, pageCount: pages.length, starts };
}

/**
 * Internal links in a part name a destination (`/Dest /x`) in that part's catalog, which is not copied: replace each
 * with an explicit destination on the copied page. Returns the cross-part links to resolve once all parts are in.
 */
function repointLinks(
  doc: PDFDocument,
  page: PDFPage,
  named: { dests: PDFDict; resolve: PrintedDocument['resolve'] } | undefined,
  pageOf: (ref: PDFObject | undefined) => PDFPage | undefined,
): Array<{ annotation: PDFDict; key: string }> {
  const cross: Array<{ annotation: PDFDict; key: string }> = [];
  const annots = page.node.Annots();
  if (!annots) return cross;
  // Backwards, so removing a batch's part marker (render/batch.ts) leaves the indices still to visit in place.
  for (let index = annots.size() - 1; index >= 0; index--) {
    if (isPartMarker(annots, index)) {
      // Gone from the document too, not only from the page: its random address would make builds differ.
      const marker = annots.get(index);
      annots.remove(index);
      if (marker instanceof PDFRef) doc.context.delete(marker);
      continue;
    }
    const annotation = annots.lookupMaybe(index, PDFDict);
    if (!annotation) continue;
    const dest = annotation.get(PDFName.of('Dest'));
    if (dest instanceof PDFName && named) {
      const found = named.resolve(named.dests.get(dest));
      const target = found instanceof PDFArray ? found : undefined;
      const targetPage = target ? pageOf(target.get(0)) : undefined;
      if (target && targetPage) {
        const top = target.lookupMaybe(3, PDFNumber)?.asNumber() ?? null;
        annotation.set(PDFName.of('Dest'), destination(doc, targetPage, top));
      } else annotation.delete(PDFName.of('Dest'));
      continue;
    }
    const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict);
    const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
    if (uri?.startsWith(gotoPrefix)) cross.push({ annotation, key: decodeURIComponent(uri.slice(gotoPrefix.length)) });
  }
  return cross;
}

/** An outline item of a printed document as read: its destination page by the reference the document gives. */
interface PrintedOutlineItem {
  title: string;
  pageRef: PDFObject | undefined;
  top: number | null;
  children: PrintedOutlineItem[];
}

/** Each printed document's outline, read once: a batch's parts each take their own items from it. */
const printedOutlines = new WeakMap<PrintedDocument, PrintedOutlineItem[]>();

function printedOutline(source: PrintedDocument): PrintedOutlineItem[] {
  const known = printedOutlines.get(source);
  if (known) return known;
  const dictOf = (value: PDFObject | undefined) => {
    const resolved = source.resolve(value);
    return resolved instanceof PDFDict ? resolved : undefined;
  };
  const walk = (first: PDFDict | undefined): PrintedOutlineItem[] => {
    const items: PrintedOutlineItem[] = [];
    for (let item = first; item; item = dictOf(item.get(PDFName.of('Next')))) {
      const titleValue = source.resolve(item.get(PDFName.of('Title')));
      const title = titleValue instanceof PDFString || titleValue instanceof PDFHexString ? titleValue.decodeText() : '';
      const destValue = source.resolve(item.get(PDFName.of('Dest')));
      const dest = destValue instanceof PDFArray ? destValue : undefined;
      items.push({ title, pageRef: dest?.get(0), top: dest?.lookupMaybe(3, PDFNumber)?.asNumber() ?? null, children: walk(dictOf(item.get(PDFName.of('First')))) });
    }
    return items;
  };
  const outline = walk(dictOf(dictOf(source.catalog.get(PDFName.of('Outlines')))?.get(PDFName.of('First'))));
  printedOutlines.set(source, outline);
  return outline;
}

/**
 * A part's own bookmarks (Chromium makes them from its headings), re-pointed at the copied pages: the items whose
 * page is one of the part's (`pageOf`), an item off them replaced by its children.
 */
function readOutline(source: PrintedDocument, pageOf: (ref: PDFObject | undefined) => PDFPage | undefined): OutlineItem[] {
  const take = (items: PrintedOutlineItem[]): OutlineItem[] =>
    items.flatMap((item) => {
      const page = pageOf(item.pageRef);
      const children = take(item.children);
      return page ? [{ title: item.title, page, top: item.top, children }] : children;
    });
  return take(printedOutline(source));
}

function destination(doc: PDFDocument, page: PDFPage, top: number | null): PDFArray {
  return doc.context.obj([page.ref, PDFName.of('XYZ'), PDFNull, top === null ? page.getHeight() : top, PDFNull]);
}

function writeOutline(doc: PDFDocument, items: OutlineItem[]): PDFRef {
  const rootRef = doc.context.nextRef();
  const refs = writeItems(doc, items, rootRef, true);
  doc.context.assign(
    rootRef,
    doc.context.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1], Count: visibleCount(items, true) }),
  );
  return rootRef;
}

/** Top-level items (the groups) are open; everything below starts closed (negative count, as the spec says). */
function writeItems(doc: PDFDocument, items: OutlineItem[], parent: PDFRef, open: boolean): PDFRef[] {
  const refs = items.map(() => doc.context.nextRef());
  items.forEach((item, index) => {
    const ref = refs[index]!;
    const children = writeItems(doc, item.children, ref, false);
    const dict = doc.context.obj({
      Title: PDFHexString.fromText(item.title),
      Parent: parent,
      Dest: destination(doc, item.page, item.top),
    });
    if (index > 0) dict.set(PDFName.of('Prev'), refs[index - 1]!);
    if (index < refs.length - 1) dict.set(PDFName.of('Next'), refs[index + 1]!);
    if (children.length > 0) {
      dict.set(PDFName.of('First'), children[0]!);
      dict.set(PDFName.of('Last'), children[children.length - 1]!);
      dict.set(PDFName.of('Count'), PDFNumber.of(open ? item.children.length : -item.children.length));
    }
    doc.context.assign(ref, dict);
  });
  return refs;
}

function visibleCount(items: OutlineItem[], open: boolean): number {
  return items.reduce((sum, item) => sum + 1 + (open ? item.children.length : 0), 0);
}

const margin = 56.7; // 20 mm, as in print.css
const headerSize = 7.5;

/**
 * The stamps are written as content operators, not drawn with pdf-lib's drawText: a part's pages share one header
 * stream, and each page gets a footer of a few bytes, uncompressed (deflating 1,700 tiny streams cost 0.3 s).
 */
const stampFont = PDFName.of('MdbriefStamp');
const pdfNumber = (value: number) => String(Number(value.toFixed(3)));
const textAt = (font: PDFFont, text: string, x: number, y: number) =>
  `BT /MdbriefStamp ${headerSize} Tf 1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} Tm ${font.encodeText(text).toString()} Tj ET`;

/** Running header: report title left, part title right, a rule below; each in the fonts its script needs. */
function headerOperators(stamp: StampFonts, left: StampRun[], right: StampRun[], width: number, height: number): string {
  const rightX = width - margin - stamp.width(right, headerSize);
  return [
    'q 0.36 0.4 0.44 rg',
    runOperators(left, headerSize, margin, height - 34),
    runOperators(right, headerSize, rightX, height - 34),
    `0.79 0.82 0.86 RG 0.4 w ${pdfNumber(margin)} ${pdfNumber(height - 38)} m ${pdfNumber(width - margin)} ${pdfNumber(height - 38)} l S Q`,
  ].join('\n');
}

/** `page N of M`, right-aligned at the foot. */
function footerOperators(font: PDFFont, page: number, total: number, width: number): string {
  const footer = `page ${page} of ${total}`;
  return `q 0.36 0.4 0.44 rg ${textAt(font, footer, width - margin - font.widthOfTextAtSize(footer, headerSize), 30)} Q`;
}

/**
 * fontkit with each font's bytes parsed once: a build assembles the briefing and every brief alone from the same
 * bytes, and parsing the font again for each (its tables decoded anew at the first shaping) cost about 20 ms each.
 * pdf-lib only reads the face; each document still makes its own subset.
 */
const faces = new WeakMap<Uint8Array, ReturnType<typeof Fontkit.create>>();
function parsedOnce(fontkit: typeof Fontkit): typeof Fontkit {
  return {
    create: (bytes, postscriptName) => {
      if (postscriptName !== undefined) return fontkit.create(bytes, postscriptName);
      return faces.get(bytes) ?? faces.set(bytes, fontkit.create(bytes)).get(bytes)!;
    },
  };
}

let fontkitLoading: Promise<typeof Fontkit> | undefined;
/** fontkit, loaded once when first asked: loading it takes about 0.35 s (it inflates its Unicode tables). */
function loadFontkit(): Promise<typeof Fontkit> {
  return (fontkitLoading ??= import('@pdf-lib/fontkit').then((module) => module.default));
}

/**
 * Does ahead what an assembly of these printed documents will need: fontkit loaded, each document and its outline
 * read (`load` shares the reading with the assembly). A build calls it while Chromium prints and its own thread
 * waits; it yields between documents so that printing's messages are not held up, and never fails (the assembly
 * meets the same error and reports it).
 */
export async function prepareAssembly(pdfs: Iterable<Uint8Array>, load: PrintedDocuments): Promise<void> {
  await loadFontkit().catch(() => undefined);
  for (const pdf of pdfs) {
    try {
      printedOutline(await load(pdf));
    } catch {
      // reported by the assembly, which meets the same error
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * pdf-lib shapes every string it measures or draws with fontkit (2–3 ms a call with Noto Sans), and a briefing stamps
 * three strings on each of its pages, a distinct running header per part. Here each character is shaped once and
 * strings are put together glyph by glyph, and widths are sums of glyph advances: the running texts are plain (and
 * composed, NFC), with no ligature or kerning worth 0.5 s a briefing.
 */
function shapeOnce(font: PDFFont, face: ReturnType<typeof Fontkit.create>): PDFFont {
  const encode = font.encodeText.bind(font);
  const encoded = new Map<string, string>();
  const advances = new Map<string, number>();
  const advance = (char: string) => advances.get(char) ?? advances.set(char, face.glyphForCodePoint(char.codePointAt(0)!).advanceWidth / face.unitsPerEm).get(char)!;
  const encodeOnce = (char: string) => encoded.get(char) ?? encoded.set(char, encode(char).asString()).get(char)!;
  font.encodeText = (text) => PDFHexString.of([...text].map(encodeOnce).join(''));
  font.widthOfTextAtSize = (text, size) => [...text].reduce((sum, char) => sum + advance(char), 0) * size;
  return font;
}
