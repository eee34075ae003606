/**
 * Filesystem faults, with the real command: a source the builder may not read is one error line and the others are
 * built (exit 1); an output folder that is read-only, not ours to write, or on a full disk is one line naming the path
 * and the reason (exit 1), with no half-written file and the previous complete files kept.
 * Root reads any file and writes any folder, so those cases run as `nobody` (setpriv); read-only and full disks are
 * small tmpfs mounts, which need root in this container, as in CI. A case whose facility is missing is skipped, saying
 * why in its name.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allText, pdfInfo } from '../helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '../..');
const seed = path.join(root, 'sources', 'anti-drug-cooperation.md');
const seedTitle = 'Vietnam and Cambodia: Anti-Drug Cooperation in the Border Areas';
const nobody = 65534;
const isRoot = process.getuid?.() === 0;
const mounted: string[] = [];

/** True when this process may mount a tmpfs (root with CAP_SYS_ADMIN): tried once on a throw-away folder. */
const canMount = ((): boolean => {
  if (!isRoot) return false;
  const probe = mkdtempSync(path.join(tmpdir(), 'mdbrief-mount-probe-'));
  const mountedOk = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (mountedOk) spawnSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return mountedOk;
})();

/** How to run as a user the file permissions apply to: ourselves when not root, else `nobody` through setpriv. */
const unprivileged: string[] | null = !isRoot
  ? []
  : spawnSync('setpriv', ['--version']).status === 0
    ? ['setpriv', `--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups']
    : null;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `mdbrief build --sources sources --out <out>` in `work`, optionally as the unprivileged user. */
function build(work: string, out: string, asUnprivileged = false): Run {
  const command = [...(asUnprivileged ? (unprivileged ?? []) : []), process.execPath, path.join(root, 'bin', 'mdbrief.js')];
  const run = spawnSync(command[0]!, [...command.slice(1), 'build', '--sources', 'sources', '--out', out, '--quiet'], {
    cwd: work,
    encoding: 'utf8',
    timeout: 300_000,
    // `nobody` has no home: Chromium gets a folder it may write (as a real unprivileged user's home would be).
    env: { ...process.env, CI: 'true', ...(asUnprivileged && isRoot ? { HOME: path.join(work, 'home') } : {}) },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function workFolder(prefix: string): { work: string; sources: string } {
  const work = mkdtempSync(path.join(tmpdir(), `mdbrief-fs-${prefix}-`));
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  copyFileSync(seed, path.join(sources, 'anti-drug-cooperation.md'));
  return { work, sources };
}

function mountTmpfs(folder: string, size: string): void {
  mkdirSync(folder, { recursive: true });
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', folder], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`mount failed: ${run.stderr}`);
  mounted.push(folder);
}

function remountReadOnly(folder: string): void {
  const run = spawnSync('mount', ['-o', 'remount,ro', folder], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`remount failed: ${run.stderr}`);
}

/** Fills the file system holding `folder` until only `leave` bytes are free. */
function fillUp(folder: string, leave: number): void {
  const { bavail, bsize } = statfsSync(folder);
  writeFileSync(path.join(folder, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - leave)));
}

function filesUnder(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String) : [];
}

/** Every file is whole: no temporary file left, every PDF opens, every JSON file parses. */
function expectOnlyCompleteFiles(out: string): void {
  const files = filesUnder(out);
  expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  for (const name of files) {
    const file = path.join(out, name);
    if (name.endsWith('.pdf')) expect(Number(pdfInfo(file)['Pages']), name).toBeGreaterThan(0);
    if (name.endsWith('.json')) expect(() => JSON.parse(readFileSync(file, 'utf8')), name).not.toThrow();
  }
}

afterAll(() => {
  for (const folder of mounted.reverse()) spawnSync('umount', [folder]);
});

const unprivilegedNote = unprivileged ? '' : ' (skipped: running as root without setpriv to drop to nobody)';

describe.skipIf(unprivileged === null)(`permissions${unprivilegedNote}`, () => {
  it('reports an unreadable source on one line, builds the others and exits 1', () => {
    const { work, sources } = workFolder('unreadable');
    writeFileSync(path.join(sources, 'secret.md'), '# Secret\n\nNot for this user.\n');
    chmodSync(path.join(sources, 'secret.md'), 0o000);
    if (isRoot) {
      for (const entry of [work, sources, path.join(sources, 'anti-drug-cooperation.md'), path.join(sources, 'secret.md')]) chownSync(entry, nobody, nobody);
      mkdirSync(path.join(work, 'home'));
      chownSync(path.join(work, 'home'), nobody, nobody);
    }
    const run = build(work, 'out', true);
    expect(run.stderr).toBe('sources/secret.md: error: cannot read: permission denied\n');
    expect(run.status).toBe(1);
    expect(allText(path.join(work, 'out', 'briefing.pdf')).replace(/\s+/g, ' ')).toContain(seedTitle);
    expect(existsSync(path.join(work, 'out', 'briefs', 'anti-drug-cooperation.pdf'))).toBe(true);
    expect(existsSync(path.join(work, 'out', 'metadata', 'secret.json'))).toBe(false);
  }, 300_000);

  it('says the output folder is not ours to write, in one line, and exits 1', () => {
    const { work } = workFolder('denied');
    mkdirSync(path.join(work, 'locked'));
    // Readable and enterable by anyone, writable by its owner only: when not root, we drop our own write permission.
    chmodSync(path.join(work, 'locked'), 0o555);
    if (isRoot) chmodSync(work, 0o755);
    const run = build(work, 'locked/out', true);
    expect(run.stderr).toBe('mdbrief build: cannot write to locked/out: permission denied\n');
    expect(run.status).toBe(1);
  });
});

describe.skipIf(!canMount)(`read-only and full disks${canMount ? '' : ' (skipped: cannot mount a tmpfs here; needs root with CAP_SYS_ADMIN)'}`, () => {
  it('says the output folder is on a read-only file system, keeps its previous files, exits 1', () => {
    const { work, sources } = workFolder('read-only');
    const disk = path.join(work, 'disk');
    mountTmpfs(disk, '8m');
    const out = 'disk/out';
    expect(build(work, out).status).toBe(0);
    const before = readFileSync(path.join(work, out, 'briefing.pdf'));
    remountReadOnly(disk);
    // A changed source: the build has something to write.
    const text = readFileSync(seed, 'utf8').replace('Anti-Drug', 'Counter-Narcotics');
    writeFileSync(path.join(sources, 'anti-drug-cooperation.md'), text);
    const run = build(work, out);
    expect(run.stderr).toBe('mdbrief build: cannot write to disk/out: read-only file system\n');
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(work, out, 'briefing.pdf')).equals(before)).toBe(true);
    // An output folder still to be made on it: Node's recursive mkdir says ENOENT there; the reason must be the real one.
    const fresh = build(work, 'disk/new/out');
    expect(fresh.stderr).toBe('mdbrief build: cannot write to disk/new/out: read-only file system\n');
    expect(fresh.status).toBe(1);
  }, 300_000);

  it('says the disk is full when it is full before the build, and exits 1', () => {
    const { work } = workFolder('full-before');
    const disk = path.join(work, 'disk');
    mountTmpfs(disk, '1m');
    fillUp(disk, 0);
    const run = build(work, 'disk/out');
    expect(run.stderr).toBe('mdbrief build: cannot write to disk/out: no space left on the device\n');
    expect(run.status).toBe(1);
    expectOnlyCompleteFiles(path.join(disk, 'out'));
  });

  it('stops with one line naming the file when the disk fills during the build, leaving only complete files', () => {
    const { work } = workFolder('full-during');
    const disk = path.join(work, 'disk');
    // The briefing of one seed and its cache take about 1.4 MB: 1 MB holds some of the outputs, never all.
    mountTmpfs(disk, '1m');
    const run = build(work, 'disk/out');
    expect(run.stderr).toMatch(/^mdbrief build: cannot write to disk\/out\/[^\n:]+: no space left on the device\n$/);
    expect(run.status).toBe(1);
    expectOnlyCompleteFiles(path.join(disk, 'out'));
  }, 300_000);

  it('keeps the previous complete briefing when a rebuild finds the disk full', () => {
    const { work, sources } = workFolder('full-rebuild');
    const disk = path.join(work, 'disk');
    mountTmpfs(disk, '8m');
    expect(build(work, 'disk/out').status).toBe(0);
    const before = readFileSync(path.join(disk, 'out', 'briefing.pdf'));
    writeFileSync(path.join(sources, 'anti-drug-cooperation.md'), readFileSync(seed, 'utf8').replace('Anti-Drug', 'Counter-Narcotics'));
    // Room for the write test and the lock, not for a new briefing.
    fillUp(disk, 64 * 1024);
    const run = build(work, 'disk/out');
    expect(run.stderr).toMatch(/^mdbrief build: cannot write to disk\/out\/[^\n:]+: no space left on the device\n$/);
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(disk, 'out', 'briefing.pdf')).equals(before)).toBe(true);
    expectOnlyCompleteFiles(path.join(disk, 'out'));
  }, 300_000);
});
