/**
 * Untrusted content: a source full of scripts, remote resources, local-file links and text-hiding CSS, built for real.
 * A local HTTP server on 127.0.0.1 records every request: it must receive none, nothing may run, and the text must
 * stay visible in the PDF.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from '../../pipeline/build.js';
import { markdownToHtml } from '../../pipeline/render/markdown-html.js';
import { parseMarkdown } from '../../pipeline/parse.js';
import { allText, pageLinks, pdfInfo } from '../helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '../..');
const requests: string[] = [];
const server = createServer((request, response) => {
  requests.push(request.url ?? '');
  response.end('x');
});
let host = '';
let source = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  source = readFileSync(path.join(root, 'tests', 'fixtures', 'hostile', 'hostile.md'), 'utf8').replaceAll('HOST', host);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('sanitizes the HTML: no script, handler, frame, style, remote or local resource survives', () => {
  const html = markdownToHtml(parseMarkdown(source), { idPrefix: 'x-' });
  for (const forbidden of ['<script', 'onclick', 'onmouseover', '<iframe', '<object', '<embed', '<meta', '<link', '<style', 'style=', '<img', '<video', '<audio', '<svg', '<form', '<input', 'javascript:', 'data:text', 'file:', host]) {
    expect(html, forbidden).not.toContain(forbidden);
  }
  expect(html).toContain('Hostile text that must stay visible.');
  expect(html).toContain('Paragraph with event handlers.');
  expect(html).toContain('Closing text after the hostile blocks.');
  expect(html).not.toContain('@import');
  expect(html).toContain('<a>file link</a>');
  // Images are shown as their alternative text, never fetched.
  expect(html).toContain('<em>[image: remote image]</em>');
  expect(html).toContain('<em>[image: markdown remote image]</em>');
});

it('refuses links to mdbrief\'s own addresses, however written, and keeps every other link', () => {
  const refused: string[] = [];
  const internal = ['https://mdbrief.invalid/part/1', 'https://mdbrief.invalid/part/0f0f/2', 'https://MDBRIEF.INVALID./goto/cover', 'https://mdbrief-0.invalid/x', 'https://mdbrief%2Einvalid/part/1', '//mdbrief.invalid/part/1', '/part/1', 'part/1', 'other.md'];
  const kept = ['https://example.org/part/1', 'http://example.org/?u=https://mdbrief.invalid/part/1', 'mailto:a@example.org'];
  const markdown = [...internal, ...kept].map((href, index) => `[link ${index}](${href})`).join('\n\n');
  const html = markdownToHtml(parseMarkdown(markdown), { idPrefix: 'x-', refused: (href) => refused.push(href) });
  expect(refused).toEqual(internal);
  for (const index of internal.keys()) expect(html).toContain(`<a>link ${index}</a>`);
  for (const href of kept) expect(html).toContain(`href="${href.replaceAll('&', '&#x26;')}"`);
});

it('flattens raw HTML nested 10,000 deep to 64 levels, keeping its text, where it overflowed the stack', () => {
  const markdown = `Before.\n\n${'<div><blockquote>'.repeat(5_000)}deep text${'</blockquote></div>'.repeat(5_000)}\n\nAfter.\n`;
  let dropped = 0;
  const html = markdownToHtml(parseMarkdown(markdown), { idPrefix: 'x-', flattened: (tags) => (dropped = tags) });
  expect(dropped).toBe(2 * (10_000 - 64));
  expect(html.match(/<blockquote>/g)).toHaveLength(32);
  expect(html).toContain('deep text');
  expect(html).toContain('After.');
});

it('builds the hostile source with no request reaching the network and its text visible', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-hostile-'));
  mkdirSync(path.join(work, 'sources'));
  writeFileSync(path.join(work, 'sources', 'hostile.md'), source);
  const result = await build({
    sources: path.join(work, 'sources'),
    out: path.join(work, 'out'),
    templates: path.join(root, 'templates'),
    title: 'Hostile',
    jobs: 1,
    date: new Date(0),
    reporter: { progress: () => {}, detail: () => {} },
  });
  expect(result.failed).toEqual([]);
  // Give any stray request time to arrive before asserting there was none.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(requests).toEqual([]);
  const pdf = path.join(work, 'out', 'briefing.pdf');
  const text = allText(pdf);
  expect(text).not.toContain('SCRIPT RAN');
  expect(text).toContain('Hostile text that must stay visible.');
  expect(text).toContain('Closing text after the hostile blocks.');
  expect(text).not.toContain('root:x:0:0');
  expect(Number(pdfInfo(pdf)['Pages'])).toBeGreaterThan(2);
  // No link in the PDF leads to a script, a local file or the recording server.
  for (let page = 1; page <= Number(pdfInfo(pdf)['Pages']); page++) {
    for (const link of await pageLinks(pdf, page)) {
      expect(link.uri ?? '').not.toMatch(/^(javascript|file|data):|127\.0\.0\.1/);
    }
  }
});

it('embeds images from inside the sources folder only, checked by their bytes', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-images-'));
  const sources = path.join(work, 'sources');
  const reporter = { progress: () => {}, detail: () => {} };
  const buildImages = () => build({ sources, out: path.join(work, 'out'), templates: path.join(root, 'templates'), title: 'Images', jobs: 1, date: new Date(0), reporter });
  mkdirSync(path.join(sources, 'figures'), { recursive: true });
  copyFileSync(path.join(root, 'docs', 'pages.png'), path.join(sources, 'figures', 'pages.png'));
  copyFileSync(path.join(root, 'docs', 'pages.png'), path.join(work, 'outside.png'));
  symlinkSync(path.join(work, 'outside.png'), path.join(sources, 'figures', 'link.png'));
  writeFileSync(path.join(sources, 'figures', 'fake.png'), '<svg onload="alert(1)"></svg>');
  writeFileSync(
    path.join(sources, 'doc.md'),
    [
      '# Images',
      '',
      '![The pages](figures/pages.png)',
      '',
      `Not embedded: ![up](../outside.png), ![link](figures/link.png), ![fake](figures/fake.png), ![none](figures/none.png), ![remote](http://${host}/remote.png).`,
      '',
    ].join('\n'),
  );
  const result = await buildImages();
  expect(result.failed).toEqual([]);
  expect(result.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
    'image figures/link.png leads outside the sources folder (refused): shown as its alternative text',
    'image figures/fake.png is not a PNG, JPEG, GIF or WebP image: shown as its alternative text',
    'image figures/none.png not found in the sources folder: shown as its alternative text',
  ]);
  const pdf = path.join(work, 'out', 'briefing.pdf');
  // One image in the whole PDF: the one inside the folder, once (the appendix); nothing from outside.
  const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
  expect(images).toHaveLength(1);
  expect(images[0]).toMatch(/^\s*\d+\s+0 image\s+852\s+597 /);
  const text = allText(pdf).replace(/\s+/g, ' ');
  expect(text).toContain('Not embedded: [image: up], [image: link], [image: fake], [image: none], [image: remote].');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(requests).toEqual([]);

  // Replacing the image is a change: the next build is not "up to date" and prints the appendix again.
  copyFileSync(path.join(root, 'templates', 'print.css'), path.join(sources, 'figures', 'pages.png'));
  const again = await buildImages();
  expect(again.upToDate).toBe(false);
  expect(again.diagnostics.map((diagnostic) => diagnostic.message)).toContain('image figures/pages.png is not a PNG, JPEG, GIF or WebP image: shown as its alternative text');
}, 120_000);
