/**
 * The benchmark's corpus: N varied copies of the seeds, each with its own title, so no two sources are the same.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findFrontMatter } from '../pipeline/metadata/index.js';
import { parseMarkdown } from '../pipeline/parse.js';

const root = path.resolve(import.meta.dirname, '..');

/** The text with `suffix` after its title, where mdbrief finds the title (any seed, no title hard-coded here). */
function withTitleSuffix(text: string, suffix: string): string {
  const tree = parseMarkdown(text);
  const title = tree.children[findFrontMatter(tree).title];
  const end = title?.position?.end.offset;
  if (end === undefined) throw new Error('a seed without a title: the corpus copies could not be told apart');
  return text.slice(0, end) + suffix + text.slice(end);
}

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
    const text = withTitleSuffix(blocks.join('\n\n'), ` (corpus copy ${index + 1})`);
    const file = path.join(dir, `source-${String(index + 1).padStart(3, '0')}.md`);
    writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

