/**
 * Dropping the structure tree of a printed PDF (pipeline/render/structure-tree.ts), on what real Chromium prints: the
 * pages, text, links and bookmarks stay as they were, no structure element is left, and the cross-reference table
 * of the result is right (every entry points at its object). A PDF of another shape is passed through untouched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTempPdf } from '../helpers/pdf.js';
import { PdfRenderer } from '../../pipeline/render/pdf.js';
import { withoutStructureTree } from '../../pipeline/render/structure-tree.js';

let renderer: PdfRenderer;
let printed: Uint8Array;
beforeAll(async () => {
  renderer = await PdfRenderer.launch({ jobs: 1, timeout: 10_000 });
  // A heading whose text looks like a reference, a cross-page link, and enough paragraphs for many structure elements.
  const paragraphs = Array.from({ length: 40 }, (_, index) => `<p>Paragraph ${index + 1}, see <a href="#end">the end</a>.</p>`).join('');
  printed = await renderer.render(
    `<!doctype html><html><head><title>Tree</title><style>@page { size: A4; margin: 20mm } p { margin: 0 0 40px }</style></head><body><h1>Report (5 0 R)</h1><h2>Part one</h2>${paragraphs}<h2 id="end">The end</h2><p>Done.</p></body></html>`,
    'tree',
  );
}, 30_000);
afterAll(async () => {
  await renderer.close();
});

const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');

async function outlineTitles(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const titles: string[] = [];
  const walk = (item: PDFDict | undefined) => {
    for (; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      titles.push(item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)!.decodeText());
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict));
  return titles;
}

describe('withoutStructureTree', () => {
  it('drops every structure element and keeps pages, text, links and bookmarks', async () => {
    expect(latin1(printed)).toContain('/Type /StructElem');
    const slim = withoutStructureTree(printed);
    expect(latin1(slim)).not.toContain('/Type /StructElem');
    expect(latin1(slim)).not.toContain('/Type /StructTreeRoot');
    expect(slim.length).toBeLessThan(printed.length);
    const text = (pdf: Uint8Array) => execFileSync('pdftotext', ['-layout', writeTempPdf(pdf), '-'], { encoding: 'utf8' });
    expect(text(slim)).toBe(text(printed));
    expect(await outlineTitles(slim)).toEqual(['Report (5 0 R)', 'Part one', 'The end']);
    const [before, after] = await Promise.all([printed, slim].map((pdf) => PDFDocument.load(pdf, { updateMetadata: false })));
    expect(after!.getPageCount()).toBe(before!.getPageCount());
    expect(after!.getPageCount()).toBeGreaterThan(1);
    const links = (doc: PDFDocument) => doc.getPages().map((page) => page.node.Annots()?.size() ?? 0);
    expect(links(after!)).toEqual(links(before!));
  });

  it('writes a cross-reference table whose every entry points at its object, which poppler reads without a complaint', () => {
    const slim = withoutStructureTree(printed);
    const text = latin1(slim);
    const xref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(xref))!;
    expect(first).toBe('0');
    const entries = text.slice(xref).split('\n').slice(2, 2 + Number(count));
    const used = entries.map((entry, number) => ({ number, entry })).filter(({ entry }) => entry.endsWith(' n '));
    expect(used.length).toBeGreaterThan(10);
    for (const { number, entry } of used) expect(text.slice(Number(entry.slice(0, 10))).startsWith(`${number} 0 obj`)).toBe(true);
    // Free entries chain: each names the next free number, the last 0.
    const free = entries.map((entry, number) => ({ number, entry })).filter(({ entry }) => entry.endsWith(' f '));
    free.forEach(({ entry }, index) => expect(Number(entry.slice(0, 10))).toBe(free[index + 1]?.number ?? 0));
    const check = spawnSync('pdfinfo', [writeTempPdf(slim)], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stderr).toBe('');
  });

  it('returns a PDF it has already slimmed, or one of another shape, as it is', async () => {
    const slim = withoutStructureTree(printed);
    expect(withoutStructureTree(slim)).toBe(slim);
    // pdf-lib's object streams come with a cross-reference stream, not a table.
    const doc = await PDFDocument.create();
    doc.addPage();
    const compressed = await doc.save({ useObjectStreams: true });
    expect(withoutStructureTree(compressed)).toBe(compressed);
  });
});
