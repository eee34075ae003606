/**
 * output: the only stage that writes. Every file is written to a temporary name beside its target and renamed into
 * place, so `output/` holds either the previous complete file or the new complete one, never a partial one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Makes sure the output folder exists and can be written to, with a clear error when it cannot. */
export async function prepareOutputFolder(out: string): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
    const probe = path.join(out, `.write-test.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'not a folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EROFS'
            ? 'read-only file system'
            : code === 'ENOSPC'
              ? 'no space left on the device'
              : (error as Error).message;
    throw new Error(`cannot write to ${out}: ${reason}`);
  }
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
