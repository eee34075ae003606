/**
 * Test helpers over poppler's command-line tools and pdf-lib: what a reader of the PDF would see.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

/** Writes PDF bytes to a file of their own, for the command-line tools. */
export function writeTempPdf(pdf: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mdbrief-pdf-')), 'out.pdf');
  writeFileSync(file, pdf);
  return file;
}

export function pdfInfo(file: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of execFileSync('pdfinfo', [file], { encoding: 'utf8' }).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1]!] = match[2]!;
  }
  return info;
}

/** Text of one page (1-based), as pdftotext gives it. */
export function pageText(file: string, page: number, layout = false): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
}

/** How many pixels of a page (1-based, drawn at 40 dpi) are within `tolerance` of an RGB colour in every channel. */
export function pixelsOfColour(file: string, page: number, [red, green, blue]: [number, number, number], tolerance = 24): number {
  const ppm = execFileSync('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), file], { maxBuffer: 64 * 1024 * 1024 });
  // Binary PPM: `P6 <width> <height> 255` and one white-space character, then RGB triples.
  const header = /^P6\s+\d+\s+\d+\s+\d+\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm gave no PPM image');
  let count = 0;
  for (let at = header[0].length; at + 2 < ppm.length; at += 3) {
    if (Math.abs(ppm[at]! - red) <= tolerance && Math.abs(ppm[at + 1]! - green) <= tolerance && Math.abs(ppm[at + 2]! - blue) <= tolerance) count++;
  }
  return count;
}

export function allText(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  /** A subset, as its name's six-letter tag says (`AAAAAA+NotoSans-Regular`). */
  subset: boolean;
}

export function pdfFonts(file: string): FontRow[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name type [encoding…] emb sub uni object ID: emb is the 5th column from the end, sub the 4th.
    return { name: columns[0]!, type: columns[1]!, embedded: columns[columns.length - 5] === 'yes', subset: columns[columns.length - 4] === 'yes' };
  });
}

export interface LinkTarget {
  /** 1-based page the link jumps to, or null when it is an external URI. */
  page: number | null;
  uri: string | null;
}

/** The link annotations of a page (1-based), in order, with where each goes. */
export async function pageLinks(file: string, page: number): Promise<LinkTarget[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const pages = doc.getPages();
  const annots = pages[page - 1]!.node.Annots();
  const links: LinkTarget[] = [];
  for (let index = 0; index < (annots?.size() ?? 0); index++) {
    const annotation = annots!.lookupMaybe(index, PDFDict);
    if (!annotation) continue;
    const dest = annotation.lookupMaybe(PDFName.of('Dest'), PDFArray);
    const uri = annotation
      .lookupMaybe(PDFName.of('A'), PDFDict)
      ?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)
      ?.decodeText();
    links.push({
      page: dest ? pages.findIndex((candidate) => candidate.ref === dest.get(0)) + 1 : null,
      uri: uri ?? null,
    });
  }
  return links;
}

export interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** The PDF's outline (bookmarks) with the 1-based page each entry opens. */
export async function bookmarks(file: string): Promise<Bookmark[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const pages = doc.getPages();
  const walk = (first: PDFDict | undefined): Bookmark[] => {
    const items: Bookmark[] = [];
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray);
      items.push({
        title: item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText() ?? '',
        page: dest ? pages.findIndex((candidate) => candidate.ref === dest.get(0)) + 1 : 0,
        children: walk(item.lookupMaybe(PDFName.of('First'), PDFDict)),
      });
    }
    return items;
  };
  return walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict));
}
