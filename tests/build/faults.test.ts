/**
 * Faults, with the real command: SIGTERM stops the build and leaves no Chromium behind; SIGKILL at any moment leaves
 * only complete files and the next build works; a source too slow to print fails alone after the time-out; two builds
 * on one output folder take turns; an output path that cannot be a folder is a clear error.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allText, pdfInfo } from '../helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '../..');
const seed = path.join(root, 'sources', 'anti-drug-cooperation.md');

function folderWithSeeds(count: number): { work: string; sources: string } {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-faults-'));
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  for (let index = 1; index <= count; index++) copyFileSync(seed, path.join(sources, `seed-${index}.md`));
  return { work, sources };
}

/** Starts `mdbrief build` with a marker in its environment, which Chromium inherits: its processes can be found. */
function startBuild(work: string, args: string[], marker: string) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'mdbrief.js'), 'build', '--sources', 'sources', '--out', 'out', ...args], {
    cwd: work,
    env: { ...process.env, CI: 'true', MDBRIEF_TEST_MARKER: marker },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The signal's name when one ended the process: a failure then says which (SIGTERM unhandled, SIGSEGV, …).
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** Processes whose environment carries the marker (the build's Node and every Chromium it started). */
function markedProcesses(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(`MDBRIEF_TEST_MARKER=${marker}`)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

async function waitUntil(condition: () => boolean, what: string, limit = 60_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > limit) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('faults', () => {
  it('stops on SIGTERM, closes Chromium and leaves no browser process behind', async () => {
    // Enough sources that the build is still running when the signal comes, however loaded the machine.
    const { work } = folderWithSeeds(12);
    const marker = `sigterm-${process.pid}-${Date.now()}`;
    const build = startBuild(work, ['--jobs', '1'], marker);
    // Wait until Chromium runs (more than the Node process carries the marker), then stop the build.
    await waitUntil(() => markedProcesses(marker).length > 1, 'Chromium to start');
    build.child.kill('SIGTERM');
    expect(await build.exited).toBe(143);
    expect(build.output().stderr).toContain('mdbrief: stopped (SIGTERM)');
    await waitUntil(() => markedProcesses(marker).length === 0, 'every marked process to end', 10_000);
    expect(markedProcesses(marker)).toEqual([]);
    const leftovers = readdirSync(path.join(work, 'out'), { recursive: true }).map(String).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('after SIGKILL at any moment keeps the previous complete files, and the next build works', async () => {
    const { work, sources } = folderWithSeeds(2);
    const first = startBuild(work, ['--jobs', '2'], `kill-a-${Date.now()}`);
    expect(await first.exited).toBe(0);
    const pdf = path.join(work, 'out', 'briefing.pdf');
    const before = readFileSync(pdf);
    writeFileSync(path.join(sources, 'seed-3.md'), readFileSync(seed, 'utf8').replace('Anti-Drug', 'Counter-Narcotics'));
    for (const delay of [300, 900, 1800]) {
      const marker = `kill-b-${delay}-${Date.now()}`;
      const doomed = startBuild(work, ['--jobs', '2'], marker);
      await new Promise((resolve) => setTimeout(resolve, delay));
      doomed.child.kill('SIGKILL');
      await doomed.exited;
      for (const pid of markedProcesses(marker)) process.kill(pid, 'SIGKILL'); // orphaned Chromium of the killed build
      // Whatever the moment, the briefing is a complete PDF: the previous one or a new one.
      expect(Number(pdfInfo(pdf)['Pages'])).toBeGreaterThan(2);
      const current = readFileSync(pdf);
      if (!current.equals(before)) expect(allText(pdf)).toContain('Counter-Narcotics');
    }
    const next = startBuild(work, ['--jobs', '2'], `kill-c-${Date.now()}`);
    expect(await next.exited).toBe(0);
    expect(allText(pdf)).toContain('Counter-Narcotics');
    const leftovers = readdirSync(path.join(work, 'out'), { recursive: true }).map(String).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('fails a source that takes longer than the time-out to print, restarts the browser and builds the rest', async () => {
    const { work, sources } = folderWithSeeds(1);
    // Four tables of 500 rows by 16 columns: Chromium needs far more than 3 s to lay out their appendix pages (a
    // paragraph of 390,000 characters took only 2-3 s on Chromium 156, too close to the time-out to fail every time).
    const header = `| ${Array.from({ length: 16 }, (_, column) => `C${column}`).join(' | ')} |\n|${'---|'.repeat(16)}\n`;
    const body = Array.from({ length: 500 }, (_, row) => `| ${Array.from({ length: 16 }, (_, column) => (row * 7 + column) % 97).join(' | ')} |\n`).join('');
    writeFileSync(path.join(sources, 'huge.md'), `# Huge report\n\n${`${header}${body}\nText.\n\n`.repeat(4)}`);
    const build = startBuild(work, ['--jobs', '1', '--timeout', '3'], `timeout-${Date.now()}`);
    expect(await build.exited).toBe(1);
    expect(build.output().stderr).toContain('sources/huge.md: error: Chromium did not finish printing');
    const pdf = path.join(work, 'out', 'briefing.pdf');
    const text = allText(pdf);
    expect(text).toContain('Anti-Drug Cooperation in the Border Areas');
    expect(text).not.toContain('Huge report');
  });

  it('runs two builds on one output folder one after the other', async () => {
    const { work } = folderWithSeeds(2);
    const a = startBuild(work, ['--jobs', '1'], `lock-a-${Date.now()}`);
    await waitUntil(() => existsSync(path.join(work, 'out', '.cache', 'lock')), 'the first build to take the lock');
    const b = startBuild(work, ['--jobs', '1'], `lock-b-${Date.now()}`);
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(b.output().stderr).toMatch(/waiting for another build \(pid \d+\) to finish with out/);
    expect(b.output().stdout).toContain('everything is up to date');
    expect(Number(pdfInfo(path.join(work, 'out', 'briefing.pdf'))['Pages'])).toBeGreaterThan(2);
  });

  it('says clearly when the output path cannot be a folder', () => {
    const { work } = folderWithSeeds(1);
    writeFileSync(path.join(work, 'out'), 'a file where the output folder should be');
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'mdbrief.js'), 'build', '--out', 'out'], { cwd: work, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('mdbrief build: cannot write to out: not a folder');
  });
});
