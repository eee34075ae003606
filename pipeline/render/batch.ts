/**
 * batch: several parts' HTML documents → one document to print, and the printed PDF → each part's pages.
 * Chromium spends about 0.15 s on every print whatever its length, and a build prints two parts per source: printing
 * them together pays that once per batch. Each part starts on a new page behind a marker link
 * (`https://mdbrief.invalid/part/<n>`) that tells where its pages begin; the assembler drops the markers.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { documentOrigin } from './pdf.js';
import { readPrinted } from './printed-document.js';

export const partMarkerPrefix = `${documentOrigin}/part/`;

/** Pages of one part inside a printed document: `first` is 0-based. */
export interface PageRange {
  first: number;
  count: number;
}

/** A part's pages: `pdf` is the whole printed document, shared by the parts of its batch. */
export interface PrintedPart extends PageRange {
  pdf: Uint8Array;
}

/**
 * One document holding the bodies of `documents` in order, each on new pages, with the head (styles) of the first.
 * Parts come from the same layout, so they share their styles; a part's `<body>` must carry no attributes of its own.
 */
export function batchDocument(documents: readonly string[]): string {
  const [first] = documents;
  if (first === undefined) throw new Error('a batch needs at least one document');
  const bodies = documents.map((document, index) => {
    const { inner } = splitBody(document);
    // Height 1px taken back by the margin: the marker moves nothing, yet has a box for Chromium to link.
    const marker = `<a href="${partMarkerPrefix}${index}" style="display:block;height:1px;margin-bottom:-1px;overflow:hidden;font-size:1px;line-height:1px;color:transparent;text-decoration:none">&#8203;</a>`;
    // Chromium shrinks a whole document when anything in it is wider than the page: clipped, a part's overflow can
    // never change the size of another part's type (the styles keep content within the page; this is the guard).
    return `<div class="mdbrief-batch-part" style="overflow-x:clip${index > 0 ? ';break-before:page' : ''}">${marker}${inner}</div>`;
  });
  const { before, after } = splitBody(first);
  return `${before}${bodies.join('\n')}${after}`;
}

/** A document around its body's content: `before` ends with the `<body>` tag, `after` starts with `</body>`. */
function splitBody(document: string): { before: string; inner: string; after: string } {
  const open = document.search(/<body[\s>]/i);
  const start = open === -1 ? -1 : document.indexOf('>', open) + 1;
  const end = document.toLowerCase().lastIndexOf('</body>');
  if (start <= 0 || end < start) throw new Error('a part to print has no <body> element: check templates/layout.hbs');
  return { before: document.slice(0, start), inner: document.slice(start, end), after: document.slice(end) };
}

/** The pages of each of the `parts` parts of a printed batch, from the page each part's marker is on. */
export async function partPages(pdf: Uint8Array, parts: number): Promise<PageRange[]> {
  const doc = await readPrinted(pdf);
  const starts: number[] = [];
  doc.pages.forEach((number, pageIndex) => {
    const page = doc.resolve(PDFRef.of(number));
    const annots = page instanceof PDFDict ? doc.resolve(page.get(PDFName.of('Annots'))) : undefined;
    if (!(annots instanceof PDFArray)) return;
    for (let index = 0; index < annots.size(); index++) {
      const part = markedPart(annots, index);
      if (part !== undefined) starts[part] ??= pageIndex;
    }
  });
  const total = doc.pages.length;
  return Array.from({ length: parts }, (_, part) => {
    const first = starts[part];
    const next = part + 1 < parts ? starts[part + 1] : total;
    if (first === undefined || next === undefined || next <= first) throw new Error(`the printed batch has no page for its part ${part + 1} of ${parts}`);
    return { first, count: next - first };
  });
}

/** The part number a link annotation marks the start of, if it is one of our markers. */
export function markedPart(annots: PDFArray, index: number): number | undefined {
  const annotation = annots.lookupMaybe(index, PDFDict);
  const action = annotation?.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
  if (!uri?.startsWith(partMarkerPrefix)) return undefined;
  const part = Number(uri.slice(partMarkerPrefix.length));
  return Number.isInteger(part) && part >= 0 ? part : undefined;
}
