/**
 * The cache keys on the code, not only on the version number: a build by other code (a `git pull` between two
 * `make report`s, same version) analyses and prints everything again. The other code here is a real bundle of a
 * checkout that differs by one line (scripts/build.ts, as `make` runs it).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeDigest } from '../../scripts/code-digest.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A copy of the checkout's code (pipeline/, scripts/, bin/, templates/, package files), its dependencies linked. */
function checkout(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'mdbrief-code-')), 'checkout');
  for (const entry of ['pipeline', 'scripts', 'bin', 'templates', 'package.json', 'package-lock.json']) {
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1764000000' } });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('code identity', () => {
  it('is the same wherever the checkout is, and changes with any byte of the pipeline', () => {
    const copy = checkout();
    expect(codeDigest(copy)).toBe(codeDigest(root));
    appendFileSync(path.join(copy, 'pipeline', 'parse', 'table.ts'), '\n');
    expect(codeDigest(copy)).not.toBe(codeDigest(root));
    // The bundle the command runs carries the digest of the checkout it was made from.
    expect(run(process.execPath, [path.join(root, 'bin', 'mdbrief.js'), '--version'], root)).toBe(`0.1.0 (code ${codeDigest(root).slice(0, 12)})\n`);
  });

  it('makes a build by other code redo every source, and that code’s next build is up to date', () => {
    const other = checkout();
    appendFileSync(path.join(other, 'pipeline', 'version.ts'), '// another commit, same version\n');
    run(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], other);
    const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-code-out-'));
    const out = path.join(work, 'out');
    const sources = path.join(root, 'sources');
    const build = (bin: string) => run(process.execPath, [path.join(bin, 'bin', 'mdbrief.js'), 'build', '--sources', sources, '--out', out], work).trim().split('\n').at(-1);
    expect(build(root)).toMatch(/^mdbrief: 2 built, 0 cached, 0 failed; 6 parts printed; /);
    expect(build(root)).toMatch(/^mdbrief: everything is up to date \(2 sources, /);
    expect(build(other)).toMatch(/^mdbrief: 2 built, 0 cached, 0 failed; 6 parts printed; /);
    expect(build(other)).toMatch(/^mdbrief: everything is up to date \(2 sources, /);
  });
});
