/**
 * Sentences of a paragraph's text, with where each starts, so a finding can name its line.
 * A full stop ends a sentence when white space and a capital, digit, quote or bracket follow, and the word before it
 * is not an abbreviation (`e.g.`, `Fig.`, `et al.`), an initial (`B. Nam`) or dotted letters (`U.S.`).
 */

export interface Sentence {
  text: string;
  /** Offset of the sentence's first character in the text it was cut from. */
  start: number;
}

const abbreviations = new Set([
  'e.g', 'i.e', 'etc', 'al', 'fig', 'figs', 'no', 'nos', 'vs', 'cf', 'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'vol', 'pp', 'p',
  'approx', 'ca', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'ltd', 'co',
  'corp', 'dept', 'eds', 'ed', 'op', 'resp', 'tab',
]);

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  // From the start of a run of stops only: a run of thousands of dots was searched again from each of them.
  const boundary = /(?<![.!?])[.!?]+["'’”)\]]*(?=\s+["'‘“(\[*_]*[\p{Lu}\d])/gu;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && !endsSentence(text.slice(start, match.index))) continue;
    push(sentences, text, start, end);
    start = end;
  }
  push(sentences, text, start, text.length);
  return sentences;
}

function endsSentence(before: string): boolean {
  // The last 64 characters hold any abbreviation: matching the end of all of `before` was quadratic in a sentence
  // with many periods (figures like 1.223).
  const word = /([\p{L}.]+)$/u.exec(before.slice(-64))?.[1];
  if (!word) return true;
  if (/^\p{L}$/u.test(word)) return false; // an initial
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return false; // U.S, P.R.C
  return !abbreviations.has(word.toLowerCase());
}

function push(sentences: Sentence[], text: string, from: number, to: number): void {
  const slice = text.slice(from, to);
  const lead = slice.length - slice.trimStart().length;
  const trimmed = slice.trim();
  if (trimmed !== '') sentences.push({ text: trimmed, start: from + lead });
}
