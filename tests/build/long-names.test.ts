/**
 * Names of any length: a source whose file name is 228 bytes and a table labelled with hundreds of digits build,
 * each output file name within what file systems allow (255 bytes), and two long names alike at first stay apart.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { build } from '../../pipeline/build.js';
import { boundedName } from '../../pipeline/names.js';

const root = path.resolve(import.meta.dirname, '../..');

it('cuts a long name at a character boundary and keeps long names that begin alike apart', () => {
  const long = 'ệ'.repeat(80);
  const cut = boundedName(long);
  expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(100);
  expect(cut).toMatch(/^(?:ệ)+-[0-9a-f]{8}$/);
  expect(boundedName(`${long}a`)).not.toBe(cut);
  expect(boundedName('short-name')).toBe('short-name');
});

it('builds a source named with 228 bytes and a table labelled with 300 digits', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-names-'));
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  // 75 three-byte letters and `.md`: 228 bytes, as long as the names that stopped the build.
  const names = [`${'ệ'.repeat(75)}.md`, `${'ệ'.repeat(74)}x.md`];
  const label = `Table ${'1'.repeat(300)}`;
  for (const name of names) writeFileSync(path.join(sources, name), `# Long\n\n${label}. Cases\n\n| Year | Cases |\n|---|---|\n| 2016 | 10 |\n| 2017 | 12 |\n| 2018 | 14 |\n`);
  const out = path.join(work, 'out');
  const result = await build({ sources, out, templates: path.join(root, 'templates'), title: 'Names', jobs: 1, date: new Date(0), reporter: { progress: () => {}, detail: () => {} } });
  expect(result.failed).toEqual([]);
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' });
  for (const file of files) expect(Buffer.byteLength(path.basename(file)), file).toBeLessThanOrEqual(255);
  // Two sources, two briefs, two tables folders each with its CSV.
  expect(readdirSync(path.join(out, 'briefs'))).toHaveLength(2);
  expect(files.filter((file) => file.endsWith('.csv'))).toHaveLength(2);
}, 60_000);
