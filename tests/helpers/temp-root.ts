/**
 * Vitest global set-up: every test's temporary folders (mkdtemp under os.tmpdir(), Chromium's profiles) go below one
 * folder of this run, removed when the run ends, so a run leaves nothing in /tmp, even after a test that kills
 * Chromium or fails half-way.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let root: string | undefined;

export function setup(): void {
  root = mkdtempSync(path.join(tmpdir(), 'mdbrief-tests-'));
  // As /tmp is (anyone may create, only owners remove): the permission tests run mdbrief as nobody, whose Chromium
  // makes its profile here.
  chmodSync(root, 0o1777);
  // Read by os.tmpdir() in the test processes, started after this, and in what they start.
  process.env['TMPDIR'] = root;
}

export function teardown(): void {
  if (root) rmSync(root, { recursive: true, force: true });
}
