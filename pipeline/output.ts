/**
 * output: the only stage that writes. Every file is written to a temporary name beside its target and renamed into
 * place, so `output/` holds either the previous complete file or the new complete one, never a partial one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeError } from './read.js';

/** A file or folder of the output that could not be written: its message names the path and the reason. */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`cannot write to ${path}: ${reason}`, options);
  }
}

/** Writes `file` completely or not at all; a failure (full disk, read-only, permission) is an OutputError. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await makeFolder(path.dirname(file));
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    // A write cut short by a full disk leaves its temporary file: remove it, never the target.
    await rm(temporary, { force: true }).catch(() => {});
    throw new OutputError(file, describeError(error), { cause: error });
  }
}

/** Makes sure the output folder exists and can be written to, with a clear error when it cannot. */
export async function prepareOutputFolder(out: string): Promise<void> {
  try {
    await makeFolder(out);
    // A few bytes, not an empty file: an empty file needs no space, so a full disk would pass the probe.
    const probe = path.join(out, `.write-test.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(probe, 'mdbrief write test\n');
    } finally {
      await rm(probe, { force: true }).catch(() => {});
    }
  } catch (error) {
    const code = errorCode(error);
    throw new OutputError(out, code === 'EEXIST' || code === 'ENOTDIR' ? 'not a folder' : describeError(error), { cause: error });
  }
}

/**
 * `mkdir -p` whose error is the real one. Node's recursive mkdir reports ENOENT when the parent is on a read-only file
 * system; made again one level at a time, the error is the kernel's own (EROFS) for the first folder that fails.
 */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    const parent = path.dirname(dir);
    if (parent !== dir) await makeFolder(parent);
    try {
      await mkdir(dir);
    } catch (inner) {
      if (errorCode(inner) !== 'EEXIST') throw inner;
    }
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : undefined;
}

/** Temporary files of writes that never finished (a build killed mid-write): removed before a build writes. */
export async function removeUnfinishedWrites(dir: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isFile() && /^\..+\.[0-9a-f]{12}\.tmp$/.test(entry.name)) await rm(path.join(entry.parentPath, entry.name), { force: true });
  }
}

/** JSON as users read it: two-space indent, final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Where each kind of output lives, relative to the output folder (`/` separated, as written in the manifest). */
export const outputPaths = {
  briefing: 'briefing.pdf',
  metadata: (slug: string) => `metadata/${slug}.json`,
  tables: (slug: string) => `tables/${slug}.json`,
  tableCsv: (slug: string, id: string) => `tables/${slug}/${id}.csv`,
  appendix: (slug: string) => `appendix/${slug}.md`,
  changes: (slug: string) => `appendix/${slug}.changes.json`,
  chart: (slug: string, id: string) => `charts/${slug}/${id}.svg`,
  brief: (slug: string) => `briefs/${slug}.pdf`,
};
