/**
 * compose: analysed sources → view models, plain objects that the Handlebars templates only print.
 * Every decision about what a reader sees (labels, citation lines, which warnings, link targets) is made here.
 */
import { documentOrigin } from '../render/origin.js';
import { fileNameTitle } from './file-title.js';
import type { BriefTable, Metadata, SourceAnalysis } from '../types.js';

export interface ReportSettings {
  title: string;
  /** The date printed on the cover, `2026-11-25`. */
  date: string;
}

export type PartKind = 'cover' | 'contents' | 'brief' | 'appendix';

export const partKey = {
  cover: 'cover',
  contents: 'contents',
  brief: (slug: string) => `brief-${slug}`,
  appendix: (slug: string) => `appendix-${slug}`,
};

/** A link from one part to the start of another; the assembler turns it into a jump inside the PDF. */
export function partHref(key: string): string {
  return `${documentOrigin}/goto/${encodeURIComponent(key)}`;
}

/** Appendix labels A…Z, then AA, AB, … */
export function appendixLabel(index: number): string {
  let label = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}

/** What the cover, contents and running headers need of a source. */
export type SourceHeading = Pick<SourceAnalysis, 'source' | 'metadata'>;

/** The title a reader sees: the source's own, else one made from its file name (a page excerpt has none). */
export function displayTitle(source: SourceHeading): string {
  return source.metadata.title ?? fileNameTitle(source.source.name);
}

/** `Russian Journal of Political Studies, 2019, 5(1): 3-13` from whatever parts the metadata has. */
export function citationLine(metadata: Metadata): string {
  const volume = metadata.volume ? `${metadata.volume}${metadata.issue ? `(${metadata.issue})` : ''}` : null;
  const pages = metadata.pages ? metadata.pages.replace('-', '–') : null;
  const parts = [metadata.journal, metadata.year?.toString() ?? null, volume && pages ? `${volume}: ${pages}` : (volume ?? pages)];
  return parts.filter((part): part is string => !!part).join(', ');
}

/** The source's file name: what the reader needs to find it, without the builder's local folders. */
export function sourceName(source: SourceHeading): string {
  return source.source.path.split(/[\\/]/).pop() ?? source.source.path;
}

export function authorNames(metadata: Metadata): string {
  return metadata.authors.map((author) => author.name).join(', ');
}

export function coverView(settings: ReportSettings, sources: SourceHeading[]) {
  return {
    kind: 'cover' as const,
    title: settings.title,
    date: settings.date,
    sourceCountText: sources.length === 1 ? '1 source' : `${sources.length} sources`,
    sources: sources.map((source) => ({
      title: displayTitle(source),
      authors: authorNames(source.metadata),
      citation: citationLine(source.metadata),
    })),
  };
}

export interface ContentsEntry {
  label: string;
  text: string;
  page: string;
  href: string;
}

/** Contents: one entry per brief and per appendix, with the page each starts on (`pages` by part key). */
export function contentsView(sources: SourceHeading[], pages: ReadonlyMap<string, number>) {
  const entry = (key: string, label: string, text: string): ContentsEntry => ({
    label,
    text,
    page: String(pages.get(key) ?? ''),
    href: partHref(key),
  });
  return {
    kind: 'contents' as const,
    groups: [
      {
        title: 'Briefs',
        entries: sources.map((source, index) => entry(partKey.brief(source.source.slug), `${index + 1}`, displayTitle(source))),
      },
      {
        title: 'Appendix: full texts',
        entries: sources.map((source, index) =>
          entry(partKey.appendix(source.source.slug), appendixLabel(index), displayTitle(source)),
        ),
      },
    ],
  };
}

export function briefView(source: SourceAnalysis) {
  const { metadata } = source;
  const markers = new Set(metadata.affiliations.map((affiliation) => affiliation.marker));
  // Marks are worth printing only when they tell affiliations apart.
  const showMarks = metadata.affiliations.length > 1 && markers.size > 1;
  return {
    kind: 'brief' as const,
    title: displayTitle(source),
    authors: metadata.authors.map((author) => ({
      name: author.name,
      marks: showMarks ? author.affiliations.join(',') : '',
      corresponding: author.corresponding,
    })),
    affiliations: metadata.affiliations.map((affiliation) => ({
      marker: showMarks ? affiliation.marker : null,
      name: affiliation.name,
    })),
    citation: citationLine(metadata),
    doi: metadata.doi,
    doiUrl: metadata.doi ? `https://doi.org/${metadata.doi}` : null,
    sourceName: sourceName(source),
    contacts: metadata.authors.filter((author) => author.email).map((author) => ({ name: author.name, email: author.email })),
    appendixHref: partHref(partKey.appendix(source.source.slug)),
    abstract: metadata.abstract ? metadata.abstract.split(/\n{2,}/) : [],
    keywords: metadata.keywords,
    outline: metadata.outline,
    findings: source.findings,
    tables: source.briefTables.map((table: BriefTable) => ({ ...table, charts: table.charts.map((chart) => ({ ...chart, src: svgImageSource(chart.svg) })) })),
    warnings: briefWarnings(source),
  };
}

/**
 * A chart as an image's source: Chromium prints an SVG image as the same vectors as the SVG inlined, in half the time
 * (an inlined chart's hundreds of glyph uses are each an element with its own style). Our own SVG, never a source's.
 */
function svgImageSource(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** Problems found while reading the source (a table's own checks stand beside the table). */
function briefWarnings(source: SourceAnalysis): string[] {
  const warnings: string[] = [];
  for (const diagnostic of source.diagnostics) {
    warnings.push(`${diagnostic.line ? `Line ${diagnostic.line}: ` : ''}${diagnostic.message}`);
  }
  return warnings;
}

export function appendixView(source: SourceAnalysis) {
  return {
    kind: 'appendix' as const,
    title: displayTitle(source),
    sourceName: sourceName(source),
    cleaned: source.cleaned?.summary ?? [],
    html: source.appendixHtml,
  };
}
