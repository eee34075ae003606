/**
 * The analysis pool: sources are analysed in worker threads; one that runs out of time or memory fails alone with a
 * clear reason, its worker is replaced, and the next source is analysed as usual.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisPool } from '../../pipeline/analyse-pool.js';
import { analyseSource, cleanFile, tablesFile } from '../../pipeline/analyse.js';
import type { Source } from '../../pipeline/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const seed = (file: string): Source => ({ path: `sources/${file}`, name: file, slug: file.replace(/\.md$/, ''), hash: file, text: readFileSync(path.join(root, 'sources', file), 'utf8') });
const large: Source = { path: 'sources/large.md', name: 'large.md', slug: 'large', hash: 'large', text: `# Large\n\n${'A sentence of a long report. '.repeat(40).concat('\n\n').repeat(20_000)}` };

let pool: AnalysisPool | undefined;
afterEach(async () => {
  await pool?.close();
});

describe('analysis in worker threads', () => {
  it('gives the same analysis as the stage itself', async () => {
    pool = new AnalysisPool({ size: 2, timeout: 120_000, memory: 2048 });
    const source = seed('human-trafficking-cooperation.md');
    expect(await pool.analyse(source)).toEqual(analyseSource(source));
  }, 120_000);

  it('fails a source that takes too long, then analyses the next one', async () => {
    pool = new AnalysisPool({ size: 1, timeout: 300, memory: 2048 });
    await expect(pool.analyse(large)).rejects.toThrow('the analysis did not finish within 0.3 s');
    pool = new AnalysisPool({ size: 1, timeout: 120_000, memory: 2048 });
    const analysis = await pool.analyse(seed('anti-drug-cooperation.md'));
    expect(analysis.metadata.title).toBe('Vietnam and Cambodia: Anti-Drug Cooperation in the Border Areas');
  }, 120_000);

  it('bounds `mdbrief clean` and `mdbrief tables` as it bounds the analysis', async () => {
    pool = new AnalysisPool({ size: 1, timeout: 300, memory: 2048 });
    await expect(pool.run('clean', large)).rejects.toThrow('the analysis did not finish within 0.3 s');
    pool = new AnalysisPool({ size: 1, timeout: 120_000, memory: 2048 });
    const source = seed('anti-drug-cooperation.md');
    expect(await pool.run('clean', source)).toEqual(cleanFile(source));
    expect(await pool.run('tables', source)).toEqual(tablesFile(source));
  }, 120_000);

  it('fails a source that needs more memory than allowed, and the worker is replaced', async () => {
    pool = new AnalysisPool({ size: 1, timeout: 120_000, memory: 64 });
    await expect(pool.analyse(large)).rejects.toThrow('needs more than 64 MiB of memory to analyse');
    await expect(pool.analyse(large)).rejects.toThrow('needs more than 64 MiB of memory to analyse');
  }, 120_000);
});
