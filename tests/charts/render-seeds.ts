/**
 * Renders every chart of both seeds and gives a sha256 per chart: run as a script (in its own process, for the
 * byte-identity test) it prints them as JSON; `reverse` renders the seeds in the other order.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chartTable } from '../../pipeline/charts/index.js';
import { seedTables } from './tables.js';

export type SeedFile = 'anti-drug-cooperation.md' | 'human-trafficking-cooperation.md';

export function seedChartHashes(reverse = false, only: SeedFile | null = null): Record<string, string> {
  const files: SeedFile[] = only ? [only] : ['anti-drug-cooperation.md', 'human-trafficking-cooperation.md'];
  const hashes: Record<string, string> = {};
  for (const file of reverse ? [...files].reverse() : files) {
    for (const table of seedTables(file)) {
      for (const chart of chartTable(table, { font: 'Noto Sans' }).charts) {
        hashes[`${file}#${chart.id}`] = createHash('sha256').update(chart.svg).digest('hex');
      }
    }
  }
  return Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => a.localeCompare(b)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(JSON.stringify(seedChartHashes(process.argv[2] === 'reverse')));
}
