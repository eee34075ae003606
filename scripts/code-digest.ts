/**
 * code-digest: one sha256 of the code a bundle is made from (pipeline/'s TypeScript and the lockfile that fixes every
 * dependency's version), by path relative to the checkout, so it is the same wherever the checkout is.
 * The bundle carries it (scripts/build.ts) and the cache keys on it: a result made by other code, even under the same
 * version number (a `git pull` between two builds), is never reused.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export function codeDigest(root: string): string {
  const files = (readdirSync(path.join(root, 'pipeline'), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.posix.join('pipeline', file.split(path.sep).join('/')))
    .sort();
  const hash = createHash('sha256');
  for (const file of [...files, 'package-lock.json']) {
    // Each file's name and length go in before its bytes, so no two different trees hash the same.
    const bytes = readFileSync(path.join(root, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}
