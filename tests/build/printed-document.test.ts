/**
 * Copying pages as bytes (pipeline/render/printed-document.ts) into an assembly: a part taken from a batch brings
 * only what its own pages use, and a PDF not shaped as Chromium writes it (a cross-reference stream, page attributes
 * inherited from the page tree) is read through pdf-lib once and assembles the same.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTempPdf } from '../helpers/pdf.js';
import { assemblePdf } from '../../pipeline/render/assemble.js';
import { batchDocument, partPages } from '../../pipeline/render/batch.js';
import { PdfRenderer } from '../../pipeline/render/pdf.js';
import { withoutStructureTree } from '../../pipeline/render/structure-tree.js';

const font = new Uint8Array(readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'));
const info = { title: 'Copy', author: '', subject: '', keywords: [], creator: 'mdbrief test', date: new Date(0) };

const fontNames = (pdf: Uint8Array) =>
  execFileSync('pdffonts', [writeTempPdf(pdf)], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '').replace(/-\d+$/, ''))
    .sort();
const text = (pdf: Uint8Array) => execFileSync('pdftotext', ['-layout', writeTempPdf(pdf), '-'], { encoding: 'utf8' });

let renderer: PdfRenderer;
beforeAll(async () => {
  renderer = await PdfRenderer.launch({ jobs: 1, timeout: 10_000 });
});
afterAll(async () => {
  await renderer.close();
});

const page = (body: string) => `<!doctype html><html><head><title>t</title><style>@page { size: A4; margin: 20mm }</style></head><body>${body}</body></html>`;

describe('copying printed pages as bytes', () => {
  it('brings only the fonts a part’s own pages use, not those of the other parts of its batch', async () => {
    const { html, markers } = batchDocument([page('<p style="font-family:DejaVu Sans">plain words</p>'), page('<p style="font-family:DejaVu Sans Mono">mono words</p>')]);
    const batch = withoutStructureTree(await renderer.render(html, 'batch'));
    const [plain, mono] = await partPages(batch, markers);
    const only = (range: typeof plain) => assemblePdf([{ key: 'part', printed: { pdf: batch, ...range! }, running: 'Part', bookmark: null }], info, font);
    const [plainPdf, monoPdf] = await Promise.all([only(plain), only(mono)]);
    // The stamp font (DejaVuSans, embedded by the assembler) is in both; the mono face only where it is used.
    expect(fontNames(plainPdf.pdf)).toEqual(['DejaVuSans', 'DejaVuSans']);
    expect(fontNames(monoPdf.pdf)).toEqual(['DejaVuSans', 'DejaVuSansMono']);
    expect(text(plainPdf.pdf)).toContain('plain words');
    expect(text(plainPdf.pdf)).not.toContain('mono words');
    expect(text(monoPdf.pdf)).toContain('mono words');
  });

  it('assembles a PDF with a cross-reference stream and inherited page attributes as it would one from Chromium', async () => {
    const doc = await PDFDocument.create();
    const helvetica = await doc.embedFont(StandardFonts.Helvetica);
    const [first, second] = [doc.addPage([300, 400]), doc.addPage([300, 400])];
    // Size and resources set once on the page tree, as some writers do, and inherited by both pages.
    second!.node.set(PDFName.of('Resources'), first!.node.get(PDFName.of('Resources'))!);
    first!.drawText('first page', { x: 20, y: 350, size: 12, font: helvetica });
    second!.drawText('second page', { x: 20, y: 350, size: 12, font: helvetica });
    doc.catalog.Pages().set(PDFName.of('MediaBox'), first!.node.get(PDFName.of('MediaBox'))!);
    doc.catalog.Pages().set(PDFName.of('Resources'), first!.node.get(PDFName.of('Resources'))!);
    for (const leaf of [first!.node, second!.node]) {
      leaf.delete(PDFName.of('MediaBox'));
      leaf.delete(PDFName.of('Resources'));
    }
    const pdf = await doc.save({ useObjectStreams: true });
    const assembled = await assemblePdf([{ key: 'made', printed: { pdf, first: 0, count: 2 }, running: 'Made', bookmark: null }], info, font);
    const pages = text(assembled.pdf).split('\f');
    expect(pages[0]).toContain('first page');
    expect(pages[0]).toContain('page 1 of 2');
    expect(pages[1]).toContain('second page');
    expect(pages[1]).toContain('page 2 of 2');
    const reread = await PDFDocument.load(assembled.pdf);
    expect(reread.getPages().map((leaf) => [leaf.getWidth(), leaf.getHeight()])).toEqual([
      [300, 400],
      [300, 400],
    ]);
  });
});
