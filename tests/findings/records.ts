/** Small hand-written table records for the findings tests. */
import type { ColumnType, RowKind, TableCheck, TableRecord } from '../../pipeline/types.js';

export interface RecordSpec {
  id?: string;
  label?: string | null;
  title?: string | null;
  lines?: [number, number];
  /** Column paths (a string for a one-level header) and types. */
  columns: Array<[string | string[], ColumnType]>;
  /** Rows as raw cell texts; a row starting with `total:` or `section:` gets that kind. */
  rows: string[][];
  checks?: TableCheck[];
}

const placeholder = /^(?:|-|—|n\/a|\.\.\.)$/i;

export function record(spec: RecordSpec): TableRecord {
  const columns = spec.columns.map(([path, type]) => {
    const parts = typeof path === 'string' ? [path] : path;
    return { key: parts.map((part) => part.toLowerCase().replace(/[^a-z0-9]+/g, '_')).join('.'), path: parts, type };
  });
  const rows = spec.rows.map((cells) => {
    let kind: RowKind = 'data';
    const raws = [...cells];
    const first = raws[0] ?? '';
    const marked = /^(total|section):(.*)$/.exec(first);
    if (marked) {
      kind = marked[1] as RowKind;
      raws[0] = marked[2] ?? '';
    }
    return {
      kind,
      cells: raws.map((raw, index) => {
        const type = columns[index]?.type ?? 'text';
        if (placeholder.test(raw.trim())) return { raw, value: null };
        const secondary = /^(.*?)\s*\(([\d,.]+)\)$/.exec(raw);
        const main = secondary ? secondary[1]! : raw;
        const number = Number(main.replace(/[,%]/g, ''));
        if (type !== 'text' && Number.isFinite(number) && /\d/.test(main)) {
          return secondary ? { raw, value: number, secondary: Number(secondary[2]!.replace(/,/g, '')) } : { raw, value: number };
        }
        return { raw, value: raw };
      }),
    };
  });
  return {
    id: spec.id ?? 'table-1',
    label: spec.label === undefined ? 'Table 1' : spec.label,
    title: spec.title ?? null,
    notes: [],
    format: 'gfm',
    lines: spec.lines ?? [1, 1 + rows.length + 1],
    columns,
    rows,
    checks: spec.checks ?? [],
  };
}
