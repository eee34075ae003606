/**
 * The `mdbrief` command as users run it (bin/mdbrief.js → dist/, compiled by `make test`): help, usage errors,
 * exit status, and one line per problem naming the file while the good sources still build.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfInfo, allText } from '../helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '../..');

function mdbrief(args: string[], cwd = root) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin', 'mdbrief.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('mdbrief command line', () => {
  it('prints help for the program and for each command', () => {
    const main = mdbrief(['--help']);
    expect(main.status).toBe(0);
    expect(main.stdout).toMatch(/^\s+build\s+build output\/briefing\.pdf/m);
    const buildHelp = mdbrief(['build', '--help']);
    expect(buildHelp.status).toBe(0);
    expect(buildHelp.stdout).toContain('Usage: mdbrief build [--sources DIR] [--out DIR]');
    expect(buildHelp.stdout).toContain('Exit status: 0 all sources built, 1 some source failed');
  });

  it('exits 2 with a one-line reason on usage errors', () => {
    expect(mdbrief([]).status).toBe(2);
    const unknown = mdbrief(['bild']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('mdbrief: unknown command "bild"');
    const badJobs = mdbrief(['build', '--jobs', 'zero']);
    expect(badJobs.status).toBe(2);
    expect(badJobs.stderr.split('\n')[0]).toBe('mdbrief build: --jobs takes a whole number ≥ 1, not "zero"');
    const badOption = mdbrief(['build', '--colour']);
    expect(badOption.status).toBe(2);
    expect(badOption.stderr).toContain("Unknown option '--colour'");
  });

  it('builds the good sources, names each bad one on stderr and exits 1', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-cli-'));
    const sources = path.join(work, 'sources');
    mkdirSync(sources);
    copyFileSync(path.join(root, 'sources', 'anti-drug-cooperation.md'), path.join(sources, 'anti-drug-cooperation.md'));
    mkdirSync(path.join(sources, 'folder.md'));
    writeFileSync(path.join(work, 'secret.md'), '# Outside the sources folder\n');
    symlinkSync(path.join(work, 'secret.md'), path.join(sources, 'leak.md'));
    const run = mdbrief(['build', '--sources', 'sources', '--out', 'out', '--jobs', '1', '--quiet'], work);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'sources/folder.md: error: is a directory, not a Markdown file',
      'sources/leak.md: error: symbolic link to a file outside the sources folder: refused',
    ]);
    expect(run.stdout).toBe('');
    const pdf = path.join(work, 'out', 'briefing.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(pdfInfo(pdf)['Title']).toBe('Research briefing');
    const text = allText(pdf);
    expect(text).toContain('Anti-Drug Cooperation in the Border Areas');
    expect(text).not.toContain('Outside the sources folder');
  });

  it('prints one source cleaned, or its change log as JSON', () => {
    const cleaned = mdbrief(['clean', 'sources/anti-drug-cooperation.md']);
    expect(cleaned.status).toBe(0);
    expect(cleaned.stdout.split('\n')[0]).toBe('# Vietnam and Cambodia: Anti-Drug Cooperation in the Border Areas');
    expect(cleaned.stdout).toContain('\n## 1. Introduction\n');
    expect(cleaned.stdout).not.toContain('Copyright ©');
    const log = JSON.parse(mdbrief(['clean', 'sources/anti-drug-cooperation.md', '--changes']).stdout) as {
      source: string;
      changes: Array<{ rule: string; line: number | null; before: string; after: string }>;
    };
    expect(log.source).toBe('sources/anti-drug-cooperation.md');
    expect(log.changes.map((change) => change.rule)[0]).toBe('tables');
    expect(log.changes.find((change) => change.rule === 'furniture')).toEqual({
      rule: 'furniture',
      line: 3,
      before: 'Copyright © 2019 by Academic Publishing House Researcher s.r.o.',
      after: '',
    });
    const missing = mdbrief(['clean', 'nope.md']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('mdbrief clean: nope.md: error: cannot read: no such file');
    expect(mdbrief(['clean']).status).toBe(2);
  });

  it('exits 1 with a clear error when the sources folder does not exist', () => {
    const run = mdbrief(['build', '--sources', 'no-such-folder', '--out', path.join(tmpdir(), 'mdbrief-none')]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('mdbrief build: no-such-folder: cannot read the sources folder: no such file');
  });
});
