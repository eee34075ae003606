/**
 * The output folder is not trusted: a planted manifest, links planted in `.cache/` or in place of `appendix/`, and an
 * output folder inside the sources folder. mdbrief writes and deletes only inside `--out`, through no link.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { build } from '../../pipeline/build.js';
import { KeptHelpers } from '../../pipeline/kept-helpers.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A work folder with one small source, and a build of it that shares its worker and Chromium with the next. */
function workspace() {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-confined-'));
  const sources = path.join(work, 'sources');
  const out = path.join(work, 'out');
  mkdirSync(sources);
  writeFileSync(path.join(sources, 'doc.md'), '# A document\n\nIts only paragraph.\n');
  const helpers = new KeptHelpers();
  onTestFinished(() => helpers.close());
  const run = () => build({ sources, out, templates: path.join(root, 'templates'), title: 'Confined', jobs: 1, date: new Date(0), reporter: { progress: () => {}, detail: () => {} }, helpers });
  /** A folder outside `--out` with files someone else owns. */
  const victim = (name: string, files: string[]) => {
    const dir = path.join(work, name);
    mkdirSync(dir);
    for (const file of files) writeFileSync(path.join(dir, file), 'not mdbrief\'s\n');
    return dir;
  };
  return { work, sources, out, run, victim };
}

it('removes nothing a planted manifest names outside the output, and follows no link in .cache when pruning', async () => {
  const { work, sources, out, run, victim } = workspace();
  expect((await run()).failed).toEqual([]);
  const outside = victim('outside', ['victim.txt']);
  const linked = victim('linked', ['a.json', `${'0'.repeat(64)}.json`]);
  // The manifest as a build writes it (its identity and key kept, so it is believed), with paths out of the folder.
  const manifestFile = path.join(out, '.cache', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: Record<string, string> };
  for (const file of ['../outside/victim.txt', 'appendix/../../outside/victim.txt', path.join(outside, 'victim.txt')]) manifest.files[file] = 'x';
  writeFileSync(manifestFile, JSON.stringify(manifest));
  symlinkSync(linked, path.join(out, '.cache', 'evil'));
  symlinkSync(outside, path.join(out, 'charts'));
  // A changed source: the build rebuilds, removes what the previous build wrote and this one did not, and prunes.
  writeFileSync(path.join(sources, 'doc.md'), '# A document\n\nIts only paragraph, changed.\n');
  expect((await run()).failed).toEqual([]);
  expect(readdirSync(outside)).toEqual(['victim.txt']);
  expect(readdirSync(linked).sort()).toEqual([`${'0'.repeat(64)}.json`, 'a.json']);
  expect(existsSync(path.join(work, 'victim.txt'))).toBe(false);

  // A manifest naming a file through a linked folder of the output: the file beyond the link stays.
  const again = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: Record<string, string> };
  again.files['charts/victim.txt'] = 'x';
  writeFileSync(manifestFile, JSON.stringify(again));
  writeFileSync(path.join(sources, 'doc.md'), '# A document\n\nIts only paragraph, changed twice.\n');
  expect((await run()).failed).toEqual([]);
  expect(readdirSync(outside)).toEqual(['victim.txt']);
});

it('writes nothing through a linked folder of the output: the build stops with the reason', async () => {
  const { out, run, victim } = workspace();
  const outside = victim('outside', []);
  mkdirSync(out);
  symlinkSync(outside, path.join(out, 'appendix'));
  await expect(run()).rejects.toThrow(/appendix is a symbolic link: mdbrief writes nothing through a link in its output folder/);
  expect(readdirSync(outside)).toEqual([]);
});

it('refuses a linked .cache, where the lock and the cache would be written', async () => {
  const { out, run, victim } = workspace();
  const outside = victim('outside', []);
  mkdirSync(out);
  symlinkSync(outside, path.join(out, '.cache'));
  await expect(run()).rejects.toThrow(/\.cache is a symbolic link/);
  expect(readdirSync(outside)).toEqual([]);
});

it('refuses an output folder equal to or inside the sources folder, with exit status 2', () => {
  const { sources } = workspace();
  for (const out of [sources, path.join(sources, 'output'), path.join(sources, 'a', '..', 'output')]) {
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'mdbrief.js'), 'build', '--sources', sources, '--out', out], { encoding: 'utf8' });
    expect(run.status, out).toBe(2);
    expect(run.stderr).toContain('is inside the sources folder');
    expect(existsSync(path.join(sources, 'output'))).toBe(false);
  }
});
