/**
 * Untrusted content: a source full of scripts, remote resources, local-file links and text-hiding CSS, built for real.
 * A local HTTP server on 127.0.0.1 records every request: it must receive none, nothing may run, and the text must
 * stay visible in the PDF.
 */
import { readFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
