/**
 * End to end: both seeds → briefing.pdf with the real Chromium, checked as a reader would with poppler's tools.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../pipeline/build.js';
import { allText, bookmarks, pageLinks, pageText, pdfFonts, pdfInfo, pixelsOfColour } from '../helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '../..');
const seeds = ['anti-drug-cooperation.md', 'human-trafficking-cooperation.md'];
const titles = [
  'Vietnam and Cambodia: Anti-Drug Cooperation in the Border Areas',
  'Cooperation Against Human Trafficking: Case Study of Cambodia-Vietnam Border Point',
];

let result: BuildResult;
let pdf: string;
let out: string;

beforeAll(async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-e2e-'));
  const sources = path.join(work, 'my sources');
  mkdirSync(sources);
  for (const seed of seeds) copyFileSync(path.join(root, 'sources', seed), path.join(sources, seed));
  out = path.join(work, 'out');
  result = await build({
    sources,
    out,
    title: 'Border cooperation briefing',
    templates: path.join(root, 'templates'),
    jobs: 2,
    date: new Date('2026-03-01T12:00:00Z'),
    reporter: { progress: () => {}, detail: () => {} },
  });
  pdf = path.join(out, 'briefing.pdf');
});

/** The contents page's entries as printed: the number at the end of each entry's first line. */
function printedContents(): number[] {
  return pageText(pdf, 2, true)
    .split('\n')
    .filter((line) => !/page \d+ of \d+/.test(line))
    .map((line) => /\S\s+(\d+)\s*$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]));
}

describe('briefing.pdf from both seeds', () => {
  it('builds both sources without errors', () => {
    expect(result.failed).toEqual([]);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(result.briefing).toBe(pdf);
  });

  it('is A4 with the report title and metadata', () => {
    const info = pdfInfo(pdf);
    expect(info['Title']).toBe('Border cooperation briefing');
    expect(info['Author']).toBe('Bui Nam Khanh; Do Thi Thanh Binh');
    expect(info['Subject']).toBe(`Briefing on 2 sources: ${titles.join('; ')}`);
    expect(info['Keywords']).toContain('Vietnam-Cambodia cooperation');
    expect(info['Page size']).toMatch(/ pts \(A4\)$/);
    expect(Number(info['Pages'])).toBe(result.pages);
  });

  it('prints the cover with title, date and the list of sources', () => {
    const cover = pageText(pdf, 1).replace(/\s+/g, ' ');
    expect(cover).toContain('Border cooperation briefing');
    expect(cover).toContain('1 March 2026 · 2 sources');
    for (const title of titles) expect(cover).toContain(title);
  });

  it('gives every contents entry the page where that part really starts, as a working link', async () => {
    const printed = printedContents();
    expect(printed).toHaveLength(4);
    const kickers = ['Brief 1: Vietnam and Cambodia', 'Brief 2: Cooperation Against', 'Appendix A: Vietnam and Cambodia', 'Appendix B: Cooperation Against'];
    printed.forEach((page, index) => {
      expect(pageText(pdf, page)).toContain(kickers[index]);
      expect(pageText(pdf, page - 1)).not.toContain(kickers[index]);
    });
    const links = await pageLinks(pdf, 2);
    expect(links.map((link) => link.page)).toEqual(printed);
    // Briefs come first, in source order; the first brief follows cover and contents.
    expect(printed[0]).toBe(3);
    expect(printed[1]).toBeGreaterThan(printed[0]!);
    expect(printed[3]).toBeGreaterThan(printed[2]!);
  });

  it('has bookmarks for contents, every brief and every appendix entry, with the sections below them', async () => {
    const outline = await bookmarks(pdf);
    const printed = printedContents();
    expect(outline.map((item) => item.title)).toEqual(['Contents', 'Briefs', 'Appendix: full texts']);
    expect(outline[1]!.children.map((item) => [item.title, item.page])).toEqual([
      [titles[0], printed[0]],
      [titles[1], printed[1]],
    ]);
    expect(outline[2]!.children.map((item) => [item.title, item.page])).toEqual([
      [titles[0], printed[2]],
      [titles[1], printed[3]],
    ]);
    expect(outline[1]!.children[0]!.children.map((item) => item.title)).toContain('Abstract');
  });

  it('stamps the running header and page N of M on every page but the cover', () => {
    const pages = result.pages;
    expect(pageText(pdf, 1)).not.toContain('page 1 of');
    expect(pageText(pdf, 2)).toContain(`page 2 of ${pages}`);
    expect(pageText(pdf, pages)).toContain(`page ${pages} of ${pages}`);
    expect(pageText(pdf, 3)).toContain('Border cooperation briefing');
  });

  it('embeds every font and renders Vietnamese diacritics as text', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
    // Every font is a subset named as one, the page-number stamps' font too.
    expect(fonts.filter((font) => !font.subset || !/^[A-Z]{6}\+/.test(font.name))).toEqual([]);
    const text = allText(pdf);
    expect(text).toContain('Takéo');
    for (const title of titles) expect(text.replace(/\s+/g, ' ')).toContain(title);
  });

  it('writes each source\'s tables as JSON records and one CSV per table', () => {
    const document = JSON.parse(readFileSync(path.join(out, 'tables', 'human-trafficking-cooperation.json'), 'utf8'));
    expect(document.schema).toBe('mdbrief.tables/1');
    expect(document.source).toBe('my sources/human-trafficking-cooperation.md');
    expect(document.tables.map((table: { id: string }) => table.id)).toEqual(['fig-2', 'table-1']);
    const csv = readFileSync(path.join(out, 'tables', 'human-trafficking-cooperation', 'table-1.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      '\ufeffYear,Nationwide in Vietnam / Cases,Nationwide in Vietnam / Objects,Nationwide in Vietnam / Victims,Vietnam-Cambodia border / Cases,Vietnam-Cambodia border / Objects,Vietnam-Cambodia border / Victims,Vietnam-Cambodia Cooperation / Cases,Vietnam-Cambodia Cooperation / Objects,Vietnam-Cambodia Cooperation / Victims',
    );
    expect(csv[1]).toBe('2015,407,489,1000,62,121,232,7,18,23');
  });

  it('prints key findings computed from the tables in the brief', () => {
    const text = allText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Key findings');
    expect(text).toContain('Table 1: From 2015 to 2018 Cases rose 279.5%, from 405 to 1,537.');
    expect(text).toContain('Vietnam-Cambodia border cases were 14.5% of Nationwide in Vietnam cases (242 of 1,666), 2015–2019.');
    expect(text).toContain('Vietnam-Cambodia border / Objects: Total row says 394 but the column sums to 445');
  });

  it('draws each table\'s charts as vector SVG, written beside the PDF and embedded with no raster image', () => {
    const charts = readdirSync(path.join(out, 'charts', 'human-trafficking-cooperation')).sort();
    expect(charts).toEqual(['fig-2-2.svg', 'fig-2-3.svg', 'fig-2.svg', 'table-1-2.svg', 'table-1-3.svg', 'table-1.svg']);
    expect(readdirSync(path.join(out, 'charts', 'anti-drug-cooperation'))).toEqual(['table-1.svg']);
    const svg = readFileSync(path.join(out, 'charts', 'anti-drug-cooperation', 'table-1.svg'), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).not.toContain('<image');
    // pdfimages lists two header lines and then one line per image: none.
    expect(execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(2);
    const text = allText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Line chart of Cases and Objects by Time, 2015 to half of 2019 (partial); the highest is Objects at 2,626 in 2018.');
    // The chart is drawn (an image that failed to load leaves only its caption): its first series is Okabe–Ito blue.
    const alone = path.join(out, 'briefs', 'anti-drug-cooperation.pdf');
    const chartPage = Array.from({ length: Number(pdfInfo(alone)['Pages']) }, (_, index) => index + 1).find((page) => pageText(alone, page).includes('Line chart of Cases'))!;
    expect(pixelsOfColour(alone, chartPage, [0, 114, 178])).toBeGreaterThan(100);
    expect(pixelsOfColour(alone, 1, [0, 114, 178])).toBe(0);
  });

  it('writes each brief alone as its own PDF, with the full text its link points at', async () => {
    const file = path.join(out, 'briefs', 'anti-drug-cooperation.pdf');
    expect(pdfInfo(file)['Title']).toBe(titles[0]);
    const text = allText(file).replace(/\s+/g, ' ');
    expect(text).toContain('Key findings');
    expect(text).toContain('Brief · Border cooperation briefing');
    expect(text).toContain('page 1 of ');
    // The brief's `Full text: in the appendix` goes to the page where its appendix starts, in this file.
    const fullText = (await pageLinks(file, 1)).filter((link) => link.uri === null);
    expect(fullText).toHaveLength(1);
    const start = fullText[0]!.page!;
    expect(pageText(file, start)).toContain('APPENDIX · FULL TEXT OF ANTI-DRUG-COOPERATION.MD');
    expect(pageText(file, start)).toContain('Full text · Border cooperation briefing');
    expect(pageText(file, start - 1)).not.toContain('APPENDIX');
    // Nothing of the other source.
    expect(text).not.toContain(titles[1]);
  });

  it('writes each source\'s metadata as JSON', () => {
    const metadata = JSON.parse(readFileSync(path.join(out, 'metadata', 'human-trafficking-cooperation.json'), 'utf8'));
    expect(metadata.title).toBe(titles[1]);
    expect(metadata.doi).toBe('10.13187/rjps.2020.1.3');
    expect(metadata.source).toBe('my sources/human-trafficking-cooperation.md');
  });
});
