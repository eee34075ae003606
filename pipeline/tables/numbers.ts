/**
 * numbers: table cells → values, one number convention per column, inferred from all its cells.
 * `1.223`, `927`, `965` → the dot groups thousands; `1.25`, `19.2` → it is a decimal point; `1,234.5`, `1.234,5`,
 * `33 003`, `−12`, `25.2%`, `(12)` → −12, `07` → 7, `357 (113)` → 357 with 113 as secondary, `1,234*` → 1234.
 */
import type { ColumnType, TableCell } from '../types.js';

const placeholder = /^(?:|-|–|—|n\/?a|na|n\.a\.|n\.m\.|k\.\s?a\.|\.{2,}|…|x|\*|不適用|不适用|該当なし)$/iu;
/**
 * A number as printed: sign, digits with group separators (a tab separates cells, not groups), decimals, percent,
 * a footnote mark.
 */
const numeric = /^([-−+△▲]?)\s?(?:US\$|[$€£¥₩₹])?\s?(\d[\d., \u00a0\u202f']*)(%?)\s?(?:€|₫|đ)?$/u;
/**
 * Significance and footnote marks after a figure (`1.873***`, `12.3†`, `45ᵃ`, `0.05^{**}`): marks, never digits.
 * Kept in `raw`; the value is the figure without them.
 */
const trailingMarks = /\s*(?:[*†‡§#]+|[ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ¹²³⁰⁴⁵⁶⁷⁸⁹]+|\^\{?[*†‡§a-z\d,]{1,4}\}?)$/u;
/** A space or apostrophe groups thousands in threes (`33 003`): `2015 407` is two numbers. */
const looseGroup = /[ \u00a0\u202f'](?!\d{3}(?!\d))/u;

const withSecondary = /^(.*?\S)\s*\(([^()]+)\)$/u;
const parenthesised = /^(?:US\$|[$€£¥₩₹])?\s?\((?:US\$|[$€£¥₩₹])?\s?([\d.,\s\u00a0\u202f]+%?)\)(%?)$/u;
const yearLike = /^(?:(?:first |second |1st |2nd )?half of |h[12] |q[1-4] )?((?:18|19|20)\d{2})(?:\s*\([^)]*\)|\s*\*)?$/iu;

/**
 * How a column's numbers group thousands. `ambiguous`: nothing in the column, its table or its source says whether
 * the dot (or comma) in `1.873` groups thousands or marks decimals: such cells keep their text.
 */
export type Convention = 'dot-thousands' | 'comma-thousands' | 'plain' | 'ambiguous';

/** Digits that a dot groups in threes (`1.223`, `12.345.678`): a column of these alone reads as dot-thousands. */
export const dotGroupedDigits = /^\d{1,3}(?:\.\d{3})+$/;

/** `1.873`, `12.345`: one dot before three digits, after digits that may start a thousands group (never `0.412`). */
const dotOneGroup = /^[1-9]\d{0,2}\.\d{3}$/;
const commaOneGroup = /^[1-9]\d{0,2},\d{3}$/;
/** Forms only one convention writes: the dot groups (`1.234.567`, `1.234,5`, `12,5`) or it is a decimal point. */
const dotOnly = /^(?:\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:\.\d{3})+,\d+|\d+,(?:\d{1,2}|\d{4,}))$/;
const commaOnly = /^(?:\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+|\d+\.(?:\d{1,2}|\d{4,})|0\.\d+|\d{4,}\.\d+)$/;

function digitsOf(text: string): string {
  return text.replace(/[\s\u00a0\u202f']/g, '');
}

/** The digits of a number-looking text, without sign, brackets, percent and marks. */
function bareDigits(text: string): string {
  return digitsOf(text.replace(/^[-−+(△▲]|[%)]+$/gu, '').replace(trailingMarks, '').replace(/[%)]+$/u, ''));
}

/** What a set of number texts says about the convention: forms only dot-thousands or only comma-thousands writes. */
export interface ConventionEvidence {
  dot: number;
  comma: number;
  /** How many of the `dot` forms are a comma decimal alone (`12,5`, `56,57`): no dot groups among them. */
  commaDecimals?: number;
}

export function conventionEvidence(texts: Iterable<string>): ConventionEvidence {
  const evidence = { dot: 0, comma: 0, commaDecimals: 0 };
  for (const text of texts) {
    const digits = bareDigits(text);
    if (dotOnly.test(digits)) {
      evidence.dot++;
      if (!digits.includes('.')) evidence.commaDecimals++;
    } else if (commaOnly.test(digits)) evidence.comma++;
  }
  return evidence;
}

function decided(evidence: ConventionEvidence): Convention | null {
  if (evidence.dot > 0 && evidence.comma === 0) return 'dot-thousands';
  if (evidence.comma > 0 && evidence.dot === 0) return 'comma-thousands';
  return null;
}

/**
 * Which separator groups thousands in a column, judged first from its own cells, then from its table's and the
 * whole source's figures, then from the source's language (`context`: table, source, language evidence). `1.873` alone is read as a decimal or as thousands only when some
 * figure says which; a column that also holds small whole numbers (`1.000`, `927`) groups thousands.
 */
export function inferConvention(texts: string[], context: ConventionEvidence[] = [], listHeader = false): Convention {
  const own = conventionEvidence(texts);
  if (own.dot > 0 && own.comma > 0) return 'ambiguous';
  const [table, source, language] = context.map(decided);
  const direct = decided(own);
  // `4,16` reads as a decimal only where the source writes decimals so: beside `1,234.5` or in Chinese it is a list.
  if (direct && [table, source, language].some((other) => other && other !== direct)) return 'ambiguous';
  // Under a header such as `Reference` or `Note`, `56,57` is a list of references sooner than a decimal.
  if (direct === 'dot-thousands' && own.commaDecimals === own.dot && listHeader) return 'ambiguous';
  if (direct) return direct;
  const digits = texts.map(bareDigits);
  const dotGroups = digits.filter((text) => dotOneGroup.test(text)).length;
  const commaGroups = digits.filter((text) => commaOneGroup.test(text)).length;
  if (dotGroups === 0 && commaGroups === 0) return 'plain';
  if (dotGroups > 0 && commaGroups > 0) return 'ambiguous';
  const around = table ?? source ?? null;
  // Figures elsewhere that say one thing while the language says the other: nothing is certain.
  if (around && language && around !== language) return 'ambiguous';
  if (commaGroups > 0) return (around ?? language) === 'dot-thousands' ? 'dot-thousands' : 'comma-thousands';
  if (around) return around;
  // Small whole numbers beside `1.000` (`927`, `965`): the dot groups thousands, whatever the prose's language.
  if (digits.some((text) => /^\d{1,3}$/.test(text))) return 'dot-thousands';
  return language ?? 'ambiguous';
}

/** The number a text means under a convention, or null when it is not a number (or not certainly one). */
export function parseNumber(text: string, convention: Convention): { value: number; percent: boolean } | null {
  const paren = parenthesised.exec(text);
  if (paren) {
    const inner = parseNumber(paren[1]! + paren[2]!, convention);
    return inner ? { value: -inner.value, percent: inner.percent } : null;
  }
  const match = numeric.exec(text.replace(trailingMarks, ''));
  if (!match || looseGroup.test(match[2]!.trimEnd())) return null;
  let digits = digitsOf(match[2]!);
  if (convention === 'ambiguous') {
    // Only a figure that both conventions read alike (`927`, `12.5` is not) is certain.
    const dot = parseNumber(text, 'dot-thousands');
    const comma = parseNumber(text, 'comma-thousands');
    return dot && comma && dot.value === comma.value ? dot : null;
  }
  if (convention === 'dot-thousands') digits = digits.replaceAll('.', '').replace(',', '.');
  else digits = digits.replaceAll(',', '');
  if (!/^\d+(?:\.\d+)?$/.test(digits)) return null;
  const value = Number(digits) * (match[1] === '' || match[1] === '+' ? 1 : -1);
  // A number that prints with an exponent (`2.01e+25`, many digits run together) would not read back as one.
  return Number.isFinite(value) && !String(value).includes('e') ? { value, percent: match[3] === '%' } : null;
}

/** Whether a text would be a number under some convention, though not under the column's (`1.873` when ambiguous). */
export function doubtfulNumber(text: string, convention: Convention): boolean {
  return convention === 'ambiguous' && parseNumber(text, 'comma-thousands') !== null && parseNumber(text, 'ambiguous') === null;
}

/** Texts that look like numbers (what the convention is inferred from). */
export function numberTexts(raw: string): string[] {
  const secondary = withSecondary.exec(raw);
  return secondary ? [secondary[1]!, secondary[2]!] : [raw];
}

export interface ParsedColumn {
  type: ColumnType;
  cells: TableCell[];
  /** Cells kept as text because their figure reads as a decimal or as thousands and nothing says which. */
  doubtful: string[];
}

/**
 * Types a column and reads its cells. `data` says which cells count for the type (total rows do not); `context` is
 * what the rest of the table and the source say about the number convention (see `inferConvention`).
 * A year column keeps partial periods (`half of 2019`) as their year, with the text in `raw`. A column mostly of
 * numbers with a few words (`n.s.`, `<0.001`) is typed text, yet its numeric cells keep their values.
 */
export function parseColumn(raws: string[], data: boolean[], header: string, context: ConventionEvidence[] = []): ParsedColumn {
  const unit = commonUnit(raws.filter((raw, index) => data[index] && !placeholder.test(raw)));
  if (unit) {
    const column = parseColumn(raws.map((raw) => raw.slice(0, raw.length - unit.length).trimEnd()), data, header, context);
    return { ...column, cells: column.cells.map((cell, index) => ({ ...cell, raw: raws[index]! })) };
  }
  const convention = inferConvention(raws.flatMap(numberTexts), context, isReferenceHeader(header));
  const parsed = raws.map((raw) => parseCell(raw, convention));
  const doubtful = raws.filter((raw) => numberTexts(raw).some((text) => doubtfulNumber(text, convention)));
  const counted = parsed.filter((cell, index) => data[index] && cell.value !== null);
  const years = raws.filter((raw, index) => data[index] && !placeholder.test(raw));
  const isYear =
    years.length > 0 &&
    years.every((raw) => yearLike.test(raw)) &&
    (/year|time|period|date|năm|jahr|année|年/iu.test(header) || years.every((raw) => /^(?:18|19|20)\d{2}$/.test(raw)) || years.some((raw) => !/^\d+$/.test(raw)));
  if (isYear) {
    return {
      type: 'year',
      doubtful: [],
      cells: raws.map((raw) => {
        const year = yearLike.exec(raw);
        return year ? { raw, value: Number(year[1]) } : { raw, value: placeholder.test(raw) ? null : raw };
      }),
    };
  }
  // A column of note references (`(2)`, `(3)`, `7(a)`), never a column of small negatives.
  const filled = raws.filter((raw, index) => data[index] && !placeholder.test(raw));
  if (filled.length > 0 && filled.every((raw) => noteReference.test(raw))) return { type: 'text', doubtful: [], cells: raws.map((raw) => ({ raw, value: placeholder.test(raw) ? null : raw })) };
  const numbers = counted.filter((cell) => typeof cell.value === 'number').length;
  if (counted.length === 0 || numbers < counted.length) {
    const mostlyNumbers = numbers * 2 >= counted.length && numbers > 0;
    return { type: 'text', doubtful, cells: mostlyNumbers ? parsed : raws.map((raw) => ({ raw, value: placeholder.test(raw) ? null : raw })) };
  }
  const percent = raws.some((raw) => /%\s*$/.test(raw));
  const integer = counted.every((cell) => Number.isInteger(cell.value));
  return { type: percent ? 'percent' : integer ? 'integer' : 'number', cells: parsed, doubtful };
}

/** Headers of columns that hold references (notes, sources, pages), where `4,16` lists two of them. */
const referenceHeader = /^(?:refs?\.?|references?|citations?|sources?|notes?|note no\.?|anhang|erläuterung|附註|附注|注释|thuyết minh|page|pages|seite)$/iu;
/** Whether a column's header names references (notes, sources, pages) rather than a measure. */
export function isReferenceHeader(header: string): boolean {
  return referenceHeader.test(header.trim());
}

const noteReference = /^\d{0,2}\(\d{1,2}[a-z]?\)$|^\d{1,2}\([a-z]\)$/u;

/**
 * The unit every figure of a column ends with (`49.9 g`, `8.3 g`; `12 mA`), or null. One unit for the whole column
 * only: `3.3 TB` beside `783 GB` are not comparable figures, and stay text.
 */
const magnitude = /^(?:k|K|M|B|T|G|bn|mn|m|Mio|Mrd|tn|x|X)$/u;

function commonUnit(texts: string[]): string | null {
  if (texts.length < 2) return null;
  const units = texts.map((text) => /\d\s?([A-Za-zµμΩ°]{1,4}(?:\/[A-Za-z]{1,3})?)$/u.exec(text)?.[1] ?? null);
  const first = units[0];
  // Magnitudes are no unit: `4M` is four million, never 4.
  if (!first || magnitude.test(first) || units.some((unit) => unit !== first)) return null;
  return texts.every((text) => text.endsWith(first)) ? first : null;
}

/** `12.3 ± 0.4`, `12.3±0.4`: a figure and its uncertainty. */
const withUncertainty = /^(.*?\S)\s*(?:±|\+\/-|\\pm)\s*(\S.*)$/u;

function parseCell(raw: string, convention: Convention): TableCell {
  if (placeholder.test(raw)) return { raw, value: null };
  const direct = parseNumber(raw, convention);
  if (direct) return { raw, value: direct.value };
  const secondary = withSecondary.exec(raw) ?? withUncertainty.exec(raw);
  if (secondary) {
    const main = parseNumber(secondary[1]!, convention);
    const second = parseNumber(secondary[2]!, convention);
    if (main && second) return { raw, value: main.value, secondary: second.value };
  }
  return { raw, value: raw };
}
