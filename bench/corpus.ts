/**
 * The benchmark's corpus: N varied copies of the seeds, each with its own title, so no two sources are the same.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** N sources in `dir`: the seeds in turn, each with its own title and a few paragraphs shuffled so no two are the same. */
export function makeCorpus(dir: string, n: number): string[] {
  const seeds = readdirSync(path.join(root, 'sources'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => readFileSync(path.join(root, 'sources', name), 'utf8'));
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let index = 0; index < n; index++) {
    const seed = seeds[index % seeds.length]!;
    const blocks = seed.split(/\n{2,}/);
    // Rotate a stretch of body paragraphs by the index: same mess, different text.
    const start = Math.min(20, blocks.length - 1);
    const body = blocks.slice(start, start + 6);
    const rotated = [...body.slice(index % body.length), ...body.slice(0, index % body.length)];
    blocks.splice(start, body.length, ...rotated);
    const text = blocks
      .join('\n\n')
      .replace(/(Vietnam and Cambodia: Anti-Drug Cooperation in the Border Areas|Cooperation Against Human Trafficking: Case Study of Cambodia-Vietnam Border Point)/, `$1 (corpus copy ${index + 1})`);
    const file = path.join(dir, `source-${String(index + 1).padStart(3, '0')}.md`);
    writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

