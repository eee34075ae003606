/**
 * Batched printing (pipeline/render/batch.ts, print-queue.ts) with real Chromium: parts printed in one document are
 * found again page for page, one part's overflow never shrinks another, and a part that fails alone fails alone.
 */
import { spawnSync } from 'node:child_process';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTempPdf } from '../helpers/pdf.js';
import { assemblePdf } from '../../pipeline/render/assemble.js';
import { batchDocument, isPartRange, partPages, partMarkerPrefix } from '../../pipeline/render/batch.js';
import { readPrinted } from '../../pipeline/render/printed-document.js';
import { PdfRenderer } from '../../pipeline/render/pdf.js';
import { PrintQueue } from '../../pipeline/render/print-queue.js';

const font = new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')));
const info = { title: 'Batch', author: '', subject: '', keywords: [], creator: 'mdbrief test', date: new Date(0) };

/** A part as the layout writes one: its own head and a bare body; `pages` pages, each starting with `name p<n>`. */
function part(name: string, pages: number, extra = ''): string {
  const body = Array.from({ length: pages }, (_, page) => `<p style="${page > 0 ? 'break-before:page' : ''}">${name} p${page + 1}</p>`).join('');
  return `<!doctype html><html><head><title>${name}</title><style>@page { size: A4; margin: 20mm }</style></head><body>${extra}${body}</body></html>`;
}

let renderer: PdfRenderer;
beforeAll(async () => {
  renderer = await PdfRenderer.launch({ jobs: 2, timeout: 5_000 });
});
afterAll(async () => {
  await renderer.close();
});

/** Each page's text, trimmed, in order. */
function pagesText(pdf: Uint8Array): string[] {
  const text = spawnSync('pdftotext', ['-layout', writeTempPdf(pdf), '-'], { encoding: 'utf8' }).stdout;
  return text.split('\f').slice(0, -1).map((page) => page.trim());
}

/** Height of the first word's box on the first page, in points: the type size as printed. */
function firstWordHeight(pdf: Uint8Array): number {
  const html = spawnSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', writeTempPdf(pdf), '-'], { encoding: 'utf8' }).stdout;
  const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/.exec(html);
  return Number(word![4]) - Number(word![2]);
}

describe('batched printing', () => {
  it('finds each part of a printed batch page for page, and the assembly drops the markers', async () => {
    const { html, markers } = batchDocument([part('alpha', 1), part('beta', 3), part('gamma', 2)]);
    const pdf = await renderer.render(html, 'batch');
    const ranges = await partPages(pdf, markers);
    expect(ranges).toEqual([
      { first: 0, count: 1 },
      { first: 1, count: 3 },
      { first: 4, count: 2 },
    ]);
    const assembled = await assemblePdf(
      [
        { key: 'gamma', printed: { pdf, ...ranges[2]! }, running: 'Gamma', bookmark: null },
        { key: 'alpha', printed: { pdf, ...ranges[0]! }, running: 'Alpha', bookmark: null },
      ],
      info,
      font,
    );
    expect(pagesText(assembled.pdf).map((page) => page.split('\n').find((line) => /p\d/.test(line))?.trim())).toEqual(['gamma p1', 'gamma p2', 'alpha p1']);
    const doc = await PDFDocument.load(assembled.pdf);
    const uris = doc.getPages().flatMap((page) => {
      const annots = page.node.Annots();
      return Array.from({ length: annots?.size() ?? 0 }, (_, index) =>
        annots!.lookup(index, PDFDict).lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText(),
      );
    });
    expect(uris.filter((uri) => uri?.startsWith(partMarkerPrefix))).toEqual([]);
    // Not only off the pages: nothing of a marker's random address is left in the file (builds stay reproducible).
    expect(Buffer.from(assembled.pdf).toString('latin1')).not.toContain(markers[0]!.split('/').at(-2));
  });

  it('finds parts by their own random markers only: a body writing markers, old or guessed, moves no boundary', async () => {
    const forged = ['0', '1', '2', 'x/1', '00000000000000000000000000000000/1'].map((tail) => `<a href="${partMarkerPrefix}${tail}">forged ${tail}</a>`).join(' ');
    const attacker = part('attacker', 1, `${forged}<p style="break-before:page">${forged}</p>`);
    const { html, markers } = batchDocument([part('first', 1), attacker, part('victim', 2)]);
    expect(new Set(markers).size).toBe(3);
    expect(batchDocument([part('first', 1)]).markers[0]).not.toBe(markers[0]);
    const pdf = await renderer.render(html, 'batch');
    expect(await partPages(pdf, markers)).toEqual([
      { first: 0, count: 1 },
      { first: 1, count: 2 },
      { first: 3, count: 2 },
    ]);
  });

  it('takes a range as a part\'s only when its own marker starts it and the next marker (or the end) ends it', async () => {
    const { html, markers } = batchDocument([part('one', 2), part('two', 1), part('three', 1)]);
    const doc = await readPrinted(await renderer.render(html, 'batch'));
    expect(isPartRange(doc, { marker: markers[0]!, first: 0, count: 2 })).toBe(true);
    expect(isPartRange(doc, { marker: markers[1]!, first: 2, count: 1 })).toBe(true);
    expect(isPartRange(doc, { marker: markers[2]!, first: 3, count: 1 })).toBe(true);
    // Pages of a neighbour, too few, a marker of another batch, past the end: refused.
    expect(isPartRange(doc, { marker: markers[0]!, first: 0, count: 3 })).toBe(false);
    expect(isPartRange(doc, { marker: markers[0]!, first: 0, count: 1 })).toBe(false);
    expect(isPartRange(doc, { marker: markers[1]!, first: 1, count: 2 })).toBe(false);
    expect(isPartRange(doc, { marker: `${partMarkerPrefix}0`, first: 0, count: 2 })).toBe(false);
    expect(isPartRange(doc, { marker: markers[2]!, first: 3, count: 2 })).toBe(false);
  });

  it('keeps a part at its own size beside a part wider than the page', async () => {
    const alone = await renderer.render(part('plain', 1), 'alone');
    const wide = part('wide', 1, '<div style="width:3000px;height:10px;background:#ccc"></div>');
    const { html, markers } = batchDocument([wide, part('plain', 1)]);
    const batch = await renderer.render(html, 'batch');
    const [, plain] = await partPages(batch, markers);
    const only = await PDFDocument.create();
    for (const page of await only.copyPages(await PDFDocument.load(batch), [plain!.first])) only.addPage(page);
    expect(firstWordHeight(await only.save())).toBeCloseTo(firstWordHeight(alone), 1);
  });

  it('prints the first parts as a small batch of their own, then full batches, in the order the parts came', async () => {
    const documents: number[] = [];
    const queue = new PrintQueue(
      (html, name) => {
        documents.push(html.split('mdbrief-batch-part').length - 1);
        return renderer.render(html, name);
      },
      { parts: 3, characters: 1e9, firstParts: 2 },
    );
    const printed = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => queue.add(part(name, 1), name));
    queue.flush();
    const parts = await Promise.all(printed);
    expect(documents).toEqual([2, 3, 1]);
    expect(parts.map((printedPart) => printedPart.first)).toEqual([0, 1, 0, 1, 2, 0]);
  });

  it('prints the parts of a failing batch one by one, so only the failing part fails', async () => {
    // The stand-in renderer fails any document holding "poison", as Chromium does one that hangs or crashes it.
    const documents: number[] = [];
    const queue = new PrintQueue(
      (html, name) => {
        documents.push(html.split('mdbrief-batch-part').length - 1);
        return html.includes('poison') ? Promise.reject(new Error(`cannot print ${name}`)) : renderer.render(html, name);
      },
      { parts: 3, characters: 1e9 },
    );
    const results = await Promise.allSettled([queue.add(part('one', 1), 'one'), queue.add(part('poison', 1), 'poison'), queue.add(part('three', 2), 'three')]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: new Error('cannot print poison') });
    expect(results[2]).toMatchObject({ value: { first: 0, count: 2 } });
    expect(documents).toEqual([3, 1, 1, 1]);
  });
});
