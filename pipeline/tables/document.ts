/** The contract's JSON document of a source's tables (`mdbrief.tables/1`: ../shared/contracts). */
import type { Source, TableRecord, TablesDocument } from '../types.js';

export function tablesDocument(source: Pick<Source, 'name'>, tables: TableRecord[]): TablesDocument {
  return { schema: 'mdbrief.tables/1', source: source.name, tables };
}
