/**
 * batch: several parts' HTML documents → one document to print, and the printed PDF → each part's pages.
 * Chromium spends about 0.15 s on every print whatever its length, and a build prints two parts per source: printing
 * them together pays that once per batch. Each part starts on a new page behind a marker link
 * (`https://mdbrief.invalid/part/<nonce>/<n>`) that tells where its pages begin; the assembler drops the markers.
 * The nonce is random per batch, so no source can write another batch's marker (the sanitizer also refuses links to
 * mdbrief's addresses): a source can never move where another part's pages begin or end.
 */
import { randomBytes } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { documentOrigin } from './origin.js';
import { readPrinted, type PrintedDocument } from './printed-document.js';

export const partMarkerPrefix = `${documentOrigin}/part/`;

/** Pages of one part inside a printed document: `first` is 0-based. */
export interface PageRange {
  first: number;
  count: number;
}

/** Pages of a printed document: `pdf` is the whole printed document, shared by the parts of its batch. */
export interface PrintedPages extends PageRange {
  pdf: Uint8Array;
}

/** A part's pages and the marker its first page carries: what proves, on reading the cache, that they are its own. */
export interface PrintedPart extends PrintedPages {
  marker: string;
}

/** A batch to print: its HTML, and the marker of each part in order. */
export interface Batch {
  html: string;
  markers: string[];
}

/**
 * One document holding the bodies of `documents` in order, each on new pages, with the head (styles) of the first.
 * Parts come from the same layout, so they share their styles; a part's `<body>` must carry no attributes of its own.
 * `nonce` (random unless given) makes the markers unguessable.
 */
export function batchDocument(documents: readonly string[], nonce: string = randomBytes(16).toString('hex')): Batch {
  const [first] = documents;
  if (first === undefined) throw new Error('a batch needs at least one document');
  const markers = documents.map((_, index) => `${partMarkerPrefix}${nonce}/${index}`);
  const bodies = documents.map((document, index) => {
    const { inner } = splitBody(document);
    // Height 1px taken back by the margin: the marker moves nothing, yet has a box for Chromium to link.
    const marker = `<a href="${markers[index]!}" style="display:block;height:1px;margin-bottom:-1px;overflow:hidden;font-size:1px;line-height:1px;color:transparent;text-decoration:none">&#8203;</a>`;
    // Chromium shrinks a whole document when anything in it is wider than the page: clipped, a part's overflow can
    // never change the size of another part's type (the styles keep content within the page; this is the guard).
    return `<div class="mdbrief-batch-part" style="overflow-x:clip${index > 0 ? ';break-before:page' : ''}">${marker}${inner}</div>`;
  });
  const { before, after } = splitBody(first);
  return { html: `${before}${bodies.join('\n')}${after}`, markers };
}

/** A document around its body's content: `before` ends with the `<body>` tag, `after` starts with `</body>`. */
function splitBody(document: string): { before: string; inner: string; after: string } {
  const open = document.search(/<body[\s>]/i);
  const start = open === -1 ? -1 : document.indexOf('>', open) + 1;
  const end = document.toLowerCase().lastIndexOf('</body>');
  if (start <= 0 || end < start) throw new Error('a part to print has no <body> element: check templates/layout.hbs');
  return { before: document.slice(0, start), inner: document.slice(start, end), after: document.slice(end) };
}

/** The pages of each part of a printed batch, from the page each part's marker (`markers`, in order) is on. */
export async function partPages(pdf: Uint8Array, markers: readonly string[]): Promise<PageRange[]> {
  const doc = await readPrinted(pdf);
  const starts = markerPages(doc);
  const total = doc.pages.length;
  return markers.map((marker, part) => {
    const first = starts.get(marker);
    const next = part + 1 < markers.length ? starts.get(markers[part + 1]!) : total;
    if (first === undefined || next === undefined || next <= first) throw new Error(`the printed batch has no page for its part ${part + 1} of ${markers.length}`);
    return { first, count: next - first };
  });
}

/**
 * Whether `first` and `count` are exactly the pages of the part marked `marker` in `doc`: its marker on the first page,
 * no other marker before the page after its last, and that page (if any) another part's start. A cached range is
 * used only when it passes.
 */
export function isPartRange(doc: PrintedDocument, { marker, first, count }: Omit<PrintedPart, 'pdf'>): boolean {
  const starts = markerPages(doc);
  if (starts.get(marker) !== first || first + count > doc.pages.length) return false;
  const taken = new Set(starts.values());
  for (let page = first + 1; page < first + count; page++) if (taken.has(page)) return false;
  return first + count === doc.pages.length || taken.has(first + count);
}

/** The page (0-based) on which each marker of a printed document first occurs. */
function markerPages(doc: PrintedDocument): Map<string, number> {
  const starts = new Map<string, number>();
  doc.pages.forEach((number, pageIndex) => {
    const page = doc.resolve(PDFRef.of(number));
    const annots = page instanceof PDFDict ? doc.resolve(page.get(PDFName.of('Annots'))) : undefined;
    if (!(annots instanceof PDFArray)) return;
    for (let index = 0; index < annots.size(); index++) {
      const uri = linkUri(annots, index);
      if (uri?.startsWith(partMarkerPrefix) && !starts.has(uri)) starts.set(uri, pageIndex);
    }
  });
  return starts;
}

/** Whether a link annotation is a part marker (sources cannot write links to mdbrief's addresses: only ours are). */
export function isPartMarker(annots: PDFArray, index: number): boolean {
  return linkUri(annots, index)?.startsWith(partMarkerPrefix) ?? false;
}

function linkUri(annots: PDFArray, index: number): string | undefined {
  const annotation = annots.lookupMaybe(index, PDFDict);
  const action = annotation?.lookupMaybe(PDFName.of('A'), PDFDict);
  return action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
}
