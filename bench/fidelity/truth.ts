/** The fidelity truth of one corpus document, as written by a person reading it (format: bench/fidelity/TRUTH.md). */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TruthTable {
  lines: [number, number];
  label: string | null;
  caption: string | null;
  pieces?: number;
  note?: string;
}

export interface TruthCell {
  table: number;
  row: string[];
  occurrence?: number;
  column: string[];
  value: number | string | null;
  raw: string;
}

export interface TruthMetadata {
  title: string | null;
  titleAlternatives?: string[];
  authors: string[];
  affiliations: string[];
  doi: string | null;
  year: number | null;
}

export interface Truth {
  document: string;
  language: string;
  metadata: TruthMetadata;
  tables: TruthTable[];
  cells: TruthCell[];
  notTables: Array<{ lines: [number, number]; why: string }>;
}

/** Every truth file under `folder`, sorted by document path. */
export async function readTruths(folder: string): Promise<Truth[]> {
  const files = (await readdir(folder, { recursive: true })).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const truth = JSON.parse(await readFile(join(folder, file), 'utf8')) as Truth;
      const expected = file.replace(/\.json$/, '.md');
      if (truth.document !== expected) throw new Error(`${file}: "document" says ${truth.document}, expected ${expected}`);
      return { ...truth, tables: truth.tables ?? [], cells: truth.cells ?? [], notTables: truth.notTables ?? [] };
    }),
  );
}
