/**
 * Image budgets: an image's pixel size is read from its header before it is embedded (a small file claiming
 * 23000×23000 pixels cost Chromium 4 GB), a source embeds at most `maxEmbeddedBytes` of image data however often it
 * repeats a reference (60 references to a 10 MB image ended the build), and images count against the appendix cap.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { createCanvas } from 'canvas';
import { expect, it } from 'vitest';
import { analyseSource } from '../../pipeline/analyse.js';
import { imageDimensions } from '../../pipeline/image-size.js';
import { resolveImage } from '../../pipeline/images.js';
import { embedImages, maxEmbeddedBytes } from '../../pipeline/render/embed-images.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A PNG whose header claims `width` × `height` pixels, with one row of data: a few dozen bytes. */
function claimedPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), chunk('IEND', Buffer.alloc(0))]);
}

it('reads the pixel size of PNG, JPEG, GIF and WebP headers', () => {
  expect(imageDimensions(readFileSync(path.join(root, 'docs', 'pages.png')), 'image/png')).toEqual({ width: 852, height: 597 });
  expect(imageDimensions(createCanvas(300, 200).toBuffer('image/jpeg'), 'image/jpeg')).toEqual({ width: 300, height: 200 });
  const gif = Buffer.from('GIF89a\x40\x01\xc8\x00', 'latin1');
  expect(imageDimensions(gif, 'image/gif')).toEqual({ width: 320, height: 200 });
  const webp = Buffer.alloc(30);
  webp.write('RIFF', 0, 'latin1');
  webp.write('WEBPVP8X', 8, 'latin1');
  webp.writeUIntLE(22999, 24, 3);
  webp.writeUIntLE(22999, 27, 3);
  expect(imageDimensions(webp, 'image/webp')).toEqual({ width: 23000, height: 23000 });
  expect(imageDimensions(Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg')).toBeNull();
});

it('shows an image that claims more pixels than the bound as its alternative text, with the reason', async () => {
  const sources = mkdtempSync(path.join(tmpdir(), 'mdbrief-pixels-'));
  writeFileSync(path.join(sources, 'huge.png'), claimedPng(23_000, 23_000));
  writeFileSync(path.join(sources, 'fine.png'), claimedPng(2_000, 1_500));
  expect(await resolveImage(sources, 'huge.png')).toEqual({ problem: 'is 23000×23000 pixels, more than the 40-megapixel bound' });
  expect(await resolveImage(sources, 'fine.png')).toHaveProperty('dataUrl');
});

it('embeds at most the budget of image data per source, counting each reference, the rest as alternative text', () => {
  const dataUrl = `data:image/png;base64,${'A'.repeat(13_000_000)}`;
  const html = Array.from({ length: 60 }, (_, index) => `<p><img src="mdbrief-image:big.png" alt="copy ${index + 1}"></p>`).join('');
  const embedded = embedImages(html, new Map([['big.png', { sha: 'x', dataUrl }]]));
  expect(embedded.skipped).toBe(59);
  expect(embedded.html.length).toBeLessThan(maxEmbeddedBytes + 10_000);
  expect(embedded.html).toContain('<em>[image: copy 60]</em>');
});

it('counts each image against the appendix cap', () => {
  const text = `# Images\n\n${Array.from({ length: 300 }, (_, index) => `![Figure ${index + 1}](figures/f.png)`).join('\n\n')}\n`;
  const analysis = analyseSource({ path: 'sources/images.md', name: 'images.md', slug: 'images', hash: 'images', text });
  expect(analysis.diagnostics.map((diagnostic) => diagnostic.message)).toContain('very long source: the PDF appendix shows its beginning only; the whole cleaned text is in appendix/images.md');
  expect(analysis.appendixHtml.match(/<img /g)!.length).toBeLessThanOrEqual(100);
});
