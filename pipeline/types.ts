/**
 * The shared vocabulary of the pipeline: what each stage takes and gives.
 * Stages are pure functions over these types; only `read`, `output` and `render/pdf` touch the world.
 */
import type { Root } from 'mdast';

/** One Markdown file from the sources folder, decoded. */
export interface Source {
  /** Path as given by the user (relative to the working directory when it was given that way): for messages. */
  path: string;
  /** The sources folder's own name and the file's (`sources/x.md`): what output files record, never a local path. */
  name: string;
  /** File name without extension, made safe for output paths: `anti-drug-cooperation`. */
  slug: string;
  /** Decoded text, line ends normalised to `\n`, BOM removed. */
  text: string;
  /** sha256 of the file's bytes, hex. */
  hash: string;
}

/** A problem found while building, reported as one line: `file:line: message`. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  message: string;
}

export interface Author {
  name: string;
  /** Affiliation markers as printed next to the name (`a`, `b`), without `*`. */
  affiliations: string[];
  corresponding: boolean;
  email?: string;
}

export interface Affiliation {
  /** The marker that ties authors to it (`a`), or null when the source has a single unmarked affiliation. */
  marker: string | null;
  name: string;
}

export interface OutlineEntry {
  /** 1 for a top section (`1. Introduction`, `References`), 2 for its subsections, 3 below. */
  depth: number;
  title: string;
  /** 1-based line in the source where the heading stands. */
  line: number;
}

/** What a source says about itself, read from its mdast. Missing fields are null (or empty lists). */
export interface Metadata {
  title: string | null;
  authors: Author[];
  affiliations: Affiliation[];
  journal: string | null;
  year: number | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  abstract: string | null;
  keywords: string[];
  outline: OutlineEntry[];
}

/** A source after parsing: its text, tree and metadata. */
export interface ParsedSource {
  source: Source;
  tree: Root;
  metadata: Metadata;
}

// ---- Tables: the contract `mdbrief.tables/1` (../shared/contracts/tables.md) ----

export type ColumnType = 'integer' | 'number' | 'percent' | 'year' | 'text';

export interface TableColumn {
  key: string;
  path: string[];
  type: ColumnType;
}

export interface TableCell {
  raw: string;
  value: number | string | null;
  secondary?: number;
}

export type RowKind = 'data' | 'total' | 'section';

export interface TableRow {
  kind: RowKind;
  cells: TableCell[];
}

export interface TableCheck {
  kind: 'total-mismatch' | 'ragged-row' | (string & {});
  column?: string;
  stated?: number;
  computed?: number;
  /** 1-based source line of the row the check is about, where known. */
  line?: number;
  message: string;
}

export type TableFormat = 'gfm' | 'html' | 'tsv' | 'aligned' | 'latex';

export interface TableRecord {
  id: string;
  label: string | null;
  title: string | null;
  notes: string[];
  format: TableFormat;
  /** First and last 1-based line of the table in the source. */
  lines: [number, number];
  columns: TableColumn[];
  rows: TableRow[];
  checks: TableCheck[];
}

export interface TablesDocument {
  schema: 'mdbrief.tables/1';
  source: string;
  tables: TableRecord[];
}

// ---- Cleaning ----

/** One change the cleaner made: enough to explain every difference from the source. */
export interface Change {
  rule: string;
  /** 1-based source line, or null when the change has no single place. */
  line: number | null;
  before: string;
  after: string;
}

// ---- Per-source analysis: the cached result of every per-source stage ----

/** A chart ready for the brief: vector SVG and its text alternative. */
export interface ChartArtifact {
  /** `<table-id>` or `<table-id>-N`: the file name under output/charts/<slug>/. */
  id: string;
  svg: string;
  /** One sentence saying what the chart shows (its text alternative). */
  summary: string;
  note: string | null;
}

/** One table as the brief shows it. */
export interface BriefTable {
  id: string;
  /** Trusted HTML of the clean table (generated, escaped). */
  html: string;
  charts: ChartArtifact[];
  /** Why the table has no chart, when it has none. */
  chartSkipped: string | null;
  findings: string[];
}

/** Everything the briefing needs from one source, JSON-serialisable so the build can cache it by the source's bytes. */
export interface SourceAnalysis {
  source: Pick<Source, 'path' | 'name' | 'slug' | 'hash'>;
  metadata: Metadata;
  tables: TableRecord[];
  briefTables: BriefTable[];
  /** Sentences for the brief's key findings. */
  findings: string[];
  /** The appendix text as sanitized HTML (cleaned when the cleaning stage ran). */
  appendixHtml: string;
  /** Cleaned Markdown, its change log and counts by rule. */
  cleaned: { markdown: string; changes: Change[]; summary: Array<{ rule: string; count: number }> } | null;
  diagnostics: Diagnostic[];
}
