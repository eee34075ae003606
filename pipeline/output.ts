/**
 * output: the only stage that writes. Every file is written to a temporary name beside its target and renamed into
 * place, so `output/` holds either the previous complete file or the new complete one, never a partial one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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

/** JSON as users read it: two-space indent, final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Where each kind of output lives under the output folder. */
export const outputPaths = {
  briefing: (out: string) => path.join(out, 'briefing.pdf'),
  metadata: (out: string, slug: string) => path.join(out, 'metadata', `${slug}.json`),
  tables: (out: string, slug: string) => path.join(out, 'tables', `${slug}.json`),
  tableCsv: (out: string, slug: string, id: string) => path.join(out, 'tables', slug, `${id}.csv`),
  appendix: (out: string, slug: string) => path.join(out, 'appendix', `${slug}.md`),
  changes: (out: string, slug: string) => path.join(out, 'appendix', `${slug}.changes.json`),
  chart: (out: string, slug: string, id: string) => path.join(out, 'charts', slug, `${id}.svg`),
  brief: (out: string, slug: string) => path.join(out, 'briefs', `${slug}.pdf`),
};
