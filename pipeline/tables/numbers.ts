/**
 * numbers: table cells → values, one number convention per column, inferred from all its cells.
 * `1.223`, `927`, `965` → the dot groups thousands; `1.25`, `19.2` → it is a decimal point; `1,234.5`, `1.234,5`,
 * `33 003`, `−12`, `25.2%`, `(12)` → −12, `07` → 7, `357 (113)` → 357 with 113 as secondary, `1,234*` → 1234.
 */
import type { ColumnType, TableCell } from '../types.js';

const placeholder = /^(?:|-|–|—|n\/?a|na|\.{2,}|…|x|\*)$/iu;
/**
 * A number as printed: sign, digits with group separators (a tab separates cells, not groups), decimals, percent,
 * a footnote mark.
 */
const numeric = /^([-−+]?)(\d[\d., \u00a0\u202f']*)(%?)\s*[*†‡§]*$/u;
/** A space or apostrophe groups thousands in threes (`33 003`): `2015 407` is two numbers. */
const looseGroup = /[ \u00a0\u202f'](?!\d{3}(?!\d))/u;

const withSecondary = /^(.*?\S)\s*\(([^()]+)\)$/u;
const parenthesised = /^\(([\d.,\s\u00a0\u202f]+)\)$/u;
const yearLike = /^(?:(?:first |second |1st |2nd )?half of |h[12] |q[1-4] )?((?:18|19|20)\d{2})(?:\s*\([^)]*\)|\s*\*)?$/iu;

export type Convention = 'dot-thousands' | 'comma-thousands' | 'plain';

/** Digits that a dot groups in threes (`1.223`, `12.345.678`): a column of these alone reads as dot-thousands. */
export const dotGroupedDigits = /^\d{1,3}(?:\.\d{3})+$/;

function digitsOf(text: string): string {
  return text.replace(/[\s\u00a0\u202f']/g, '');
}

/** Which separator groups thousands, judged from every number-looking text in the column. */
export function inferConvention(texts: string[]): Convention {
  let dotGroups = 0;
  let dotDecimals = 0;
  let commaGroups = 0;
  let commaDecimals = 0;
  for (const text of texts) {
    const digits = digitsOf(text.replace(/^[-−+(]|[%)*†‡§]+$/gu, ''));
    if (digits.includes('.') && digits.includes(',')) {
      if (digits.lastIndexOf('.') > digits.lastIndexOf(',')) commaGroups++;
      else dotGroups++;
      continue;
    }
    if (dotGroupedDigits.test(digits)) dotGroups++;
    else if (digits.includes('.')) dotDecimals++;
    if (/^\d{1,3}(?:,\d{3})+$/.test(digits)) commaGroups++;
    else if (digits.includes(',')) commaDecimals++;
  }
  if (dotGroups > 0 && dotDecimals === 0 && commaGroups === 0) return 'dot-thousands';
  if (commaDecimals > 0 && commaGroups === 0 && dotDecimals === 0) return 'dot-thousands';
  if (commaGroups > 0 || dotDecimals > 0) return 'comma-thousands';
  return 'plain';
}

/** The number a text means under a convention, or null when it is not a number. */
export function parseNumber(text: string, convention: Convention): { value: number; percent: boolean } | null {
  const paren = parenthesised.exec(text);
  if (paren) {
    const inner = parseNumber(paren[1]!, convention);
    return inner ? { value: -inner.value, percent: inner.percent } : null;
  }
  const match = numeric.exec(text);
  if (!match || looseGroup.test(match[2]!.trimEnd())) return null;
  let digits = digitsOf(match[2]!);
  if (convention === 'dot-thousands') digits = digits.replaceAll('.', '').replace(',', '.');
  else digits = digits.replaceAll(',', '');
  if (!/^\d+(?:\.\d+)?$/.test(digits)) return null;
  const value = Number(digits) * (match[1] === '-' || match[1] === '−' ? -1 : 1);
  // A number that prints with an exponent (`2.01e+25`, many digits run together) would not read back as one.
  return Number.isFinite(value) && !String(value).includes('e') ? { value, percent: match[3] === '%' } : null;
}

/** Texts that look like numbers (what the convention is inferred from). */
export function numberTexts(raw: string): string[] {
  const secondary = withSecondary.exec(raw);
  return secondary ? [secondary[1]!, secondary[2]!] : [raw];
}

export interface ParsedColumn {
  type: ColumnType;
  cells: TableCell[];
}

/**
 * Types a column and reads its cells. `data` says which cells count for the type (total rows do not).
 * A year column keeps partial periods (`half of 2019`) as their year, with the text in `raw`.
 */
export function parseColumn(raws: string[], data: boolean[], header: string): ParsedColumn {
  const convention = inferConvention(raws.flatMap(numberTexts));
  const parsed = raws.map((raw) => parseCell(raw, convention));
  const counted = parsed.filter((cell, index) => data[index] && cell.value !== null);
  const years = raws.filter((raw, index) => data[index] && !placeholder.test(raw));
  const isYear =
    years.length > 0 &&
    years.every((raw) => yearLike.test(raw)) &&
    (/year|time|period|date|năm|jahr|année|年/iu.test(header) || years.every((raw) => /^(?:18|19|20)\d{2}$/.test(raw)) || years.some((raw) => !/^\d+$/.test(raw)));
  if (isYear) {
    return {
      type: 'year',
      cells: raws.map((raw) => {
        const year = yearLike.exec(raw);
        return year ? { raw, value: Number(year[1]) } : { raw, value: placeholder.test(raw) ? null : raw };
      }),
    };
  }
  const numericColumn = counted.length > 0 && counted.every((cell) => typeof cell.value === 'number');
  if (!numericColumn) return { type: 'text', cells: raws.map((raw) => ({ raw, value: placeholder.test(raw) ? null : raw })) };
  const percent = raws.some((raw) => /%\s*$/.test(raw));
  const integer = counted.every((cell) => Number.isInteger(cell.value));
  return { type: percent ? 'percent' : integer ? 'integer' : 'number', cells: parsed };
}

function parseCell(raw: string, convention: Convention): TableCell {
  if (placeholder.test(raw)) return { raw, value: null };
  const direct = parseNumber(raw, convention);
  if (direct) return { raw, value: direct.value };
  const secondary = withSecondary.exec(raw);
  if (secondary) {
    const main = parseNumber(secondary[1]!, convention);
    const second = parseNumber(secondary[2]!, convention);
    if (main && second) return { raw, value: main.value, secondary: second.value };
  }
  return { raw, value: raw };
}
