/**
 * output: the only stage that writes. Every file is written to a temporary name beside its target and renamed into
 * place, so `output/` holds either the previous complete file or the new complete one, never a partial one.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { boundedName } from './names.js';
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

/**
 * Writes `file` completely or not at all; a failure (full disk, read-only, permission) is an OutputError. With `root`
 * (the output folder), every folder between it and the file must be a real folder, never a symbolic link, so nothing
 * planted in the output folder can send the write elsewhere.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, root?: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${boundedName(path.basename(file), 200)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    if (root === undefined) await makeFolder(path.dirname(file));
    else await confinedFolder(root, path.dirname(file));
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    // A write cut short by a full disk leaves its temporary file: remove it, never the target.
    await rm(temporary, { force: true }).catch(() => {});
    throw new OutputError(file, describeError(error), { cause: error });
  }
}

/**
 * Makes `dir` inside `root`, one folder at a time, refusing a folder on the way that is a symbolic link or not a
 * folder: writing, pruning and removing never go through a link planted in the output folder.
 */
export async function confinedFolder(root: string, dir: string): Promise<void> {
  let current = root;
  for (const part of confinedParts(root, dir)) {
    current = path.join(current, part);
    try {
      await mkdir(current);
      continue;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const info = await lstat(current);
    if (info.isSymbolicLink()) throw new Error(`${current} is a symbolic link: mdbrief writes nothing through a link in its output folder`);
    if (!info.isDirectory()) throw new Error(`${current} is not a folder`);
  }
}

/** Whether every folder between `root` and `file` exists and is a real folder (no link): what may be removed. */
export async function insideWithoutLinks(root: string, file: string): Promise<boolean> {
  let current = root;
  try {
    for (const part of confinedParts(root, path.dirname(file))) {
      current = path.join(current, part);
      const info = await lstat(current);
      if (info.isSymbolicLink() || !info.isDirectory()) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function confinedParts(root: string, dir: string): string[] {
  const relative = path.relative(root, dir);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) throw new Error(`${dir} is outside the output folder ${root}`);
  return relative.split(path.sep).filter((part) => part !== '');
}

/**
 * Whether a path from a manifest is one the build writes: relative, `/`-separated, under one of the output's own
 * folders (or the briefing), with no `.`, `..` or empty part. A planted manifest can name nothing else for removal.
 */
export function isOutputPath(relative: unknown): relative is string {
  if (typeof relative !== 'string' || relative.includes('\\') || relative.includes('\0')) return false;
  const parts = relative.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return false;
  return relative === outputPaths.briefing || (parts.length > 1 && outputFolders.has(parts[0]!));
}

const outputFolders: ReadonlySet<string> = new Set(['metadata', 'tables', 'appendix', 'charts', 'briefs']);

/** `--out` equal to or inside `--sources`: refused, since whoever writes the sources could then plant the output's files. */
export async function outputInsideSources(sources: string, out: string): Promise<boolean> {
  const real = async (dir: string): Promise<string> => {
    // The output folder may not exist yet: its nearest existing folder, resolved, and the rest of the path.
    try {
      return await realpath(dir);
    } catch {
      const parent = path.dirname(dir);
      return parent === dir ? dir : path.join(await real(parent), path.basename(dir));
    }
  };
  const [from, to] = await Promise.all([real(path.resolve(sources)), real(path.resolve(out))]);
  return to === from || to.startsWith(`${from}${path.sep}`);
}

/** Why `--out` inside `--sources` is refused, as the command says it. */
export function outsideSourcesMessage(sources: string, out: string): string {
  return `the output folder ${out} is inside the sources folder ${sources} (or is it): choose an output folder outside it, so no source can plant files in the output`;
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
  tableCsv: (slug: string, id: string) => `tables/${slug}/${boundedName(id)}.csv`,
  appendix: (slug: string) => `appendix/${slug}.md`,
  changes: (slug: string) => `appendix/${slug}.changes.json`,
  chart: (slug: string, id: string) => `charts/${slug}/${boundedName(id)}.svg`,
  brief: (slug: string) => `briefs/${slug}.pdf`,
};
