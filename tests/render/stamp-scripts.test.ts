import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pako from 'pako';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { assemblePdf } from '../../pipeline/render/assemble.js';
import { writeTempPdf } from '../helpers/pdf.js';

/** Made-up titles, one per script a source title comes in. */
const titles = {
  korean: { title: '한국 도시 교통 연구 보고서', font: /NotoSansCJK/ },
  chinese: { title: '城市交通发展年度报告', font: /NotoSansCJK/ },
  japanese: { title: 'ひらがなとカタカナの報告書', font: /NotoSansCJK/ },
  vietnamese: { title: 'Báo cáo tài chính riêng quý ba', font: null },
  cyrillic: { title: 'Годовой отчёт о развитии', font: null },
  greek: { title: 'Ετήσια έκθεση ανάπτυξης', font: null },
  arabic: { title: 'تقرير التنمية السنوي', font: /NotoSansArabic/ },
  hebrew: { title: 'דוח פיתוח שנתי', font: /NotoSansHebrew/ },
};
const stampFont = new Uint8Array(readFileSync('/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf'));

/** A brief's page as the assembler gets it from Chromium: an A4 page with nothing in the header band. */
async function briefPage(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595.92, 842.88]);
  return doc.save();
}

/** The gray pixels of an 8-bit grayscale PNG (what `pdftoppm -png -gray` writes). */
function grayPixels(png: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  const data: Uint8Array[] = [];
  while (at < png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'IHDR') [width, height] = [view.getUint32(at + 8), view.getUint32(at + 12)];
    if (type === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const joined = new Uint8Array(data.reduce((sum, part) => sum + part.length, 0));
  data.reduce((offset, part) => (joined.set(part, offset), offset + part.length), 0);
  const raw = pako.inflate(joined);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)]!;
    for (let x = 0; x < width; x++) {
      const value = raw[y * (width + 1) + 1 + x]!;
      const left = x > 0 ? pixels[y * width + x - 1]! : 0;
      const up = y > 0 ? pixels[(y - 1) * width + x]! : 0;
      const corner = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1]! : 0;
      const paeth = () => {
        const p = left + up - corner;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        return a <= b && a <= c ? left : b <= c ? up : corner;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter]!;
      pixels[y * width + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

describe('the running header draws every script', () => {
  it.each(Object.entries(titles))('%s', async (_, { title, font }) => {
    const assembled = await assemblePdf(
      [{ key: 'brief', printed: { pdf: await briefPage(), first: 0, count: 1 }, running: `Brief · ${title}`, bookmark: { group: null, title, headings: false } }],
      { title, author: '', subject: '', keywords: [], creator: 'mdbrief test', date: new Date(0) },
      stampFont,
    );
    const file = writeTempPdf(assembled.pdf);
    // The face that has the script is embedded, as a tagged subset.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    if (font) expect(fonts).toMatch(new RegExp(`MDBST[Q-Z]\\+${font.source}`));
    // Every letter of the title is in the page's text (a glyph with no character, tofu, reads as nothing).
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    for (const char of new Set([...title.normalize('NFC')].filter((letter) => /\p{L}/u.test(letter)))) expect(text).toContain(char);
    // Rendered, the header band at the left holds ink about as wide as the title's characters.
    const base = path.join(path.dirname(file), 'page');
    execFileSync('pdftoppm', ['-png', '-gray', '-r', '144', '-f', '1', '-l', '1', '-singlefile', file, base]);
    const { width, pixels } = grayPixels(new Uint8Array(readFileSync(`${base}.png`)));
    const scale = 144 / 72;
    const [top, bottom] = [Math.round((34 - 8) * scale), Math.round((34 + 3) * scale)];
    const [left, right] = [Math.round(56.7 * scale), Math.round(width / 2)];
    const inkColumns = new Set<number>();
    for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) if (pixels[y * width + x]! < 160) inkColumns.add(x);
    expect(inkColumns.size).toBeGreaterThan([...title].length * 4);
  });
});
