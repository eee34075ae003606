/**
 * text: the words on a chart. Numbers as the clean table prints them, header labels made readable, labels wrapped
 * into lines so they never run into each other.
 */

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const smallFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const scientificFormat = new Intl.NumberFormat('en-US', { notation: 'scientific', maximumSignificantDigits: 3 });

/** 2626 → `2,626`; 25.2 (a percent column) → `25.2%`; 0.0042 → `0.0042`; 3e21 → `3E21`. */
export function formatNumber(value: number, percent = false): string {
  const size = Math.abs(value);
  const format = size >= 1e15 || (size > 0 && size < 1e-4) ? scientificFormat : size > 0 && size < 1 ? smallFormat : numberFormat;
  return `${format.format(value)}${percent ? '%' : ''}`;
}

/** Common short words: in a header set in capitals, other words of up to 3 letters are taken for acronyms (GDP, TIP). */
const shortWords = new Set(
  (
    'a an and are as at be by day end for from in is it its new no non not of off old on one or out own per pre sub ' +
    'the to two up use vs was war who why yes age aid all any law men net sex sum tax ten six'
  ).split(' '),
);

/**
 * A header label as a chart shows it: white space collapsed and a header set in capitals (`NEW OR AMENDED
 * LEGISLATION`) put in sentence case (`New or amended legislation`). Words of up to 3 letters that are not common
 * English words stay as they are (`GDP GROWTH` → `GDP growth`); mixed-case labels are left alone.
 */
export function displayName(label: string): string {
  const text = label.replace(/\s+/g, ' ').trim();
  const letters = text.replace(/[^\p{L}]/gu, '');
  const shouted = letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  if (!shouted || !/\p{Lu}{4,}/u.test(text)) return text;
  let first = true;
  return text.replace(/\p{L}+/gu, (word) => {
    const lower = word.toLowerCase();
    const keep = word.length <= 3 && !shortWords.has(lower);
    const result = keep ? word : first ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    first = false;
    return result;
  });
}

/** Names in prose: `Cases`, `Cases and Objects`, `Cases, Objects and Victims`. */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/**
 * Words into lines of at most `width` characters (a longer word is cut with a hyphen). With `maxLines`, the lines past
 * it are dropped and the last one kept ends with `…`.
 */
export function wrapText(text: string, width: number, maxLines = Infinity): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > width) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      lines.push(`${word.slice(0, width - 1)}-`);
      word = word.slice(width - 1);
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!.replace(/-$/, '');
  kept[maxLines - 1] = `${last.length + 1 > width ? last.slice(0, width - 1) : last}…`;
  return kept;
}
