/**
 * `mdbrief watch`: builds, then rebuilds after a source is saved; a broken source reports and the rest stays built.
 * One Chromium serves every build of the watch and is closed when it ends.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { chromiumBrowsers, running } from '../helpers/processes.js';

const root = path.resolve(import.meta.dirname, '../..');

it('rebuilds the briefing after a source file is written', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-watch-'));
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  copyFileSync(path.join(root, 'sources', 'anti-drug-cooperation.md'), path.join(sources, 'a.md'));
  const child = spawn(process.execPath, [path.join(root, 'bin', 'mdbrief.js'), 'watch', '--sources', 'sources', '--out', 'out', '--jobs', '1'], {
    cwd: work,
    env: { ...process.env, CI: 'true' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waitFor = async (pattern: RegExp, count = 1) => {
    for (let waited = 0; waited < 90_000; waited += 100) {
      if ((stdout.match(new RegExp(pattern.source, 'g')) ?? []).length >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${pattern} in:\n${stdout}\n${stderr}`);
  };
  let browsers: number[] = [];
  try {
    await waitFor(/watching sources/);
    const pdf = path.join(work, 'out', 'briefing.pdf');
    const firstBuild = statSync(pdf).mtimeMs;
    expect(stdout).toMatch(/1 built, 0 cached, 0 failed; 4 parts printed/);
    browsers = chromiumBrowsers(child.pid);
    expect(browsers).toHaveLength(1);

    writeFileSync(path.join(sources, 'b.md'), '# A second source\n\nIt has one paragraph of text.\n');
    await waitFor(/changed: /);
    await waitFor(/built, \d+ cached, 0 failed/, 2);
    expect(stdout).toMatch(/changed: .*b\.md/);
    expect(stdout).toMatch(/1 built, 1 cached, 0 failed/);
    expect(statSync(pdf).mtimeMs).toBeGreaterThan(firstBuild);
    expect(readFileSync(path.join(work, 'out', 'metadata', 'b.json'), 'utf8')).toContain('"title": "A second source"');
    expect(chromiumBrowsers(child.pid)).toEqual(browsers);

    mkdirSync(path.join(sources, 'broken.md'));
    writeFileSync(path.join(sources, 'b.md'), '# A second source, edited\n');
    await waitFor(/failed/, 3);
    expect(stderr).toContain('sources/broken.md: error: is a directory, not a Markdown file');
    expect(stdout).toMatch(/1 built, 1 cached, 1 failed/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  expect(child.exitCode).toBe(0);
  expect(running(browsers[0]!)).toBe(false);
});
