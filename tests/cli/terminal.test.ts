/**
 * File names and messages reach the terminal as one safe line each: a source named with an escape sequence, a bell,
 * a newline and a direction override moves no cursor, retitles no window and forges no line of the report.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { printable } from '../../pipeline/printable.js';

const root = path.resolve(import.meta.dirname, '../..');
const evil = 'evil\u001b]0;owned\u0007\u001b[2J\nforged.md: error: forged line\u202e.md';

function mdbrief(args: string[]) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin', 'mdbrief.js'), ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

it('escapes control characters, line breaks and direction marks', () => {
  expect(printable(evil)).toBe('evil\\x1b]0;owned\\x07\\x1b[2J\\nforged.md: error: forged line\\u202e.md');
  expect(printable('Báo cáo Takéo.md\ttab')).toBe('Báo cáo Takéo.md\\ttab');
});

it('prints a hostile file name escaped, in the build\'s progress and problems and in a per-file command', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-terminal-'));
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  writeFileSync(path.join(sources, evil), '# A source\n\nWith a hostile name.\n');
  writeFileSync(path.join(sources, `empty ${evil}`), '');
  const clean = mdbrief(['clean', path.join(sources, `empty ${evil}`)]);
  const built = mdbrief(['build', '--sources', sources, '--out', path.join(work, 'out'), '--verbose']);
  expect(clean.status).toBe(1);
  expect(built.status).toBe(1);
  for (const { output } of [clean, built]) {
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    expect(output).toContain('evil\\x1b]0;owned\\x07\\x1b[2J\\nforged.md: error: forged line\\u202e.md');
    expect(output.split('\n').filter((line) => line.startsWith('forged.md'))).toEqual([]);
  }
});
