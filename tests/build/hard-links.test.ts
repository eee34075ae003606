/**
 * A file with several names (hard links) is read neither as a source nor as an image: its other name may be a file
 * outside the sources folder, which a symbolic link could not reach.
 */
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { resolveImage } from '../../pipeline/images.js';
import { readSources } from '../../pipeline/read.js';

const root = path.resolve(import.meta.dirname, '../..');

it('refuses sources and images that are hard links, and reads the rest', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-links-'));
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  writeFileSync(path.join(work, 'secret.md'), '# Secret\n\nNot to be read.\n');
  linkSync(path.join(work, 'secret.md'), path.join(sources, 'linked.md'));
  writeFileSync(path.join(sources, 'plain.md'), '# Plain\n\nRead.\n');
  copyFileSync(path.join(root, 'docs', 'pages.png'), path.join(work, 'secret.png'));
  linkSync(path.join(work, 'secret.png'), path.join(sources, 'linked.png'));
  copyFileSync(path.join(root, 'docs', 'pages.png'), path.join(sources, 'plain.png'));

  const { sources: read, diagnostics } = await readSources(sources);
  expect(read.map((source) => source.slug)).toEqual(['plain']);
  expect(diagnostics.map((diagnostic) => `${path.basename(diagnostic.file)}: ${diagnostic.message}`)).toEqual([
    'linked.md: has other names (hard links), perhaps outside the sources folder: refused',
  ]);
  expect(await resolveImage(sources, 'linked.png')).toEqual({ problem: 'has other names (hard links), perhaps outside the sources folder: refused' });
  expect(await resolveImage(sources, 'plain.png')).toHaveProperty('sha');
});
