/**
 * language: the main language of a source's text (a BCP 47 code such as `en`, `vi`, `zh`), from its scripts and,
 * for Latin text, its most common short words. Null when the text says too little. Tables use it to read `1.234`.
 */

/** Letters of a script, and the language its text is taken to be in (Arabic script: Persian when it has پ چ ژ گ). */
const scripts: Array<[RegExp, string]> = [
  [/[\u3040-\u30ff]/gu, 'ja'],
  [/[\uac00-\ud7af]/gu, 'ko'],
  [/[\u4e00-\u9fff]/gu, 'zh'],
  [/[\u0600-\u06ff]/gu, 'ar'],
  [/[\u0590-\u05ff]/gu, 'he'],
  [/[\u0400-\u04ff]/gu, 'ru'],
  [/[\u0370-\u03ff]/gu, 'el'],
  [/[\u0e00-\u0e7f]/gu, 'th'],
];

/** Frequent short words of Latin-script languages: a page of prose holds dozens of them. */
const words: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'was', 'are', 'by', 'this'],
  de: ['der', 'die', 'und', 'das', 'den', 'von', 'mit', 'ist', 'nicht', 'auf', 'für', 'dem', 'des'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'que', 'sur', 'du', 'au'],
  es: ['el', 'la', 'los', 'las', 'y', 'que', 'del', 'en', 'por', 'con', 'una', 'para', 'es'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'gli', 'della', 'con', 'una', 'sono', 'del', 'non'],
  pt: ['o', 'os', 'da', 'do', 'que', 'e', 'em', 'para', 'com', 'uma', 'não', 'dos', 'das'],
  nl: ['de', 'het', 'een', 'van', 'en', 'dat', 'niet', 'zijn', 'voor', 'met', 'op', 'aan', 'ook'],
  id: ['yang', 'dan', 'di', 'dari', 'ini', 'untuk', 'dengan', 'pada', 'tidak', 'dalam', 'akan', 'itu'],
};
const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;

/** The language most of the text is in, judged on its first 50,000 characters. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 50_000);
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (letters < 20) return null;
  let best: [string, number] = ['', 0];
  for (const [pattern, language] of scripts) {
    const count = (sample.match(pattern) ?? []).length;
    if (count > best[1]) best = [language, count];
  }
  if (best[1] * 5 >= letters) {
    if (best[0] === 'zh' && /[\u3040-\u30ff]/u.test(sample)) return 'ja';
    if (best[0] === 'ar' && /[پچژگ]/u.test(sample)) return 'fa';
    return best[0];
  }
  if ((sample.match(vietnamese) ?? []).length * 20 >= letters) return 'vi';
  const counts = new Map<string, number>();
  for (const word of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const [language, list] of Object.entries(words)) if (list.includes(word)) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (!top || top[1] < 5 || (second && second[1] * 1.5 > top[1])) return null;
  return top[0];
}

/** Languages whose numbers group thousands with a dot and mark decimals with a comma (`1.234,5`). */
const dotGrouping = new Set(['de', 'vi', 'es', 'it', 'pt', 'nl', 'id', 'tr', 'da', 'el', 'ro']);
/**
 * Languages whose numbers group thousands with a comma and mark decimals with a dot (`1,234.5`). Not English: reports
 * in English about other countries often keep their figures as written there (`1.223` cases in a Vietnamese province).
 */
const commaGrouping = new Set(['zh', 'ja', 'ko', 'th', 'he']);

/** How a language writes `1.234`: grouped thousands (`dot`), a decimal (`comma`), or unknown (null). */
export function thousandsSeparator(language: string | null): 'dot' | 'comma' | null {
  if (language === null) return null;
  if (dotGrouping.has(language)) return 'dot';
  if (commaGrouping.has(language)) return 'comma';
  return null;
}
