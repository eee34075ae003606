/**
 * What a sentence says about periods: a year (`In 2018`), part of a year (`the first half of 2019`), a range
 * (`from 2015 to 2018`, `2015–2019`), or something that is not a period figure (a date such as `March 28, 2018`,
 * `since 2015`, `by the end of 2018`). Citations (`(Ha, 2019)`, `Ha (2019)`) are masked first: their years are not periods.
 */

export type Mention =
  | { kind: 'year'; year: number; text: string }
  | { kind: 'half'; year: number; text: string }
  | { kind: 'range'; from: number; to: number; text: string }
  | { kind: 'other'; text: string };

const Y = '(1[89]\\d{2}|20\\d{2})';
const notNumber = '(?<![\\p{L}\\d.,])';
const months = '(?:jan(?:uary)?|feb(?:ruary)?|march|mar|april|apr|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const rangeWords = new RegExp(`\\b(?:from|between)\\s+${Y}\\s*(?:to|and|until|till|through|[–—-])\\s*${Y}(?![\\d])`, 'giu');
const rangeDash = new RegExp(`${notNumber}${Y}\\s*[–—-]\\s*(\\d{4}|\\d{2})(?![\\d])`, 'gu');
const partOfYear = new RegExp(
  `\\b(?:(?:in|during)\\s+)?(?:the\\s+)?(?:(?:first|second|last|final)\\s+(?:half|quarter|(?:(?:\\d+|\\p{L}+)\\s+)?months?)|half|h[12]|q[1-4])\\s+(?:of\\s+)?${Y}(?![\\d])`,
  'giu',
);
const edgeOfYear = new RegExp(
  `\\b(?:(?:the\\s+)?(?:end|beginning|start|middle|mid|early|late)(?:\\s+of|-)?\\s+(?:the\\s+year\\s+)?|since\\s+|by\\s+|until\\s+|till\\s+|before\\s+|after\\s+|through\\s+|as\\s+of\\s+|up\\s+to\\s+)${Y}(?![\\d])`,
  'giu',
);
const date = new RegExp(`\\b${months}\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?${Y}(?![\\d])`, 'giu');
const bareYear = new RegExp(`${notNumber}${Y}(?![\\d]|[.,]\\d)`, 'gu');

const yearInText = /(?<![\p{L}\d.,])(?:1[89]\d{2}|20\d{2})(?!\d)/u;

/** Replace citations with spaces of the same length, so offsets stay right. */
export function maskCitations(sentence: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  // `(Ha, 2019)`, `(Ministry of Public Security of Vietnam, 2018a)`, `(born in 1985, …)`: a year among words.
  let masked = sentence.replace(/\(([^()]*)\)/g, (whole, inner: string) => (yearInText.test(inner) && /\p{L}{2}/u.test(inner) ? blank(whole) : whole));
  // `Ha (2019)`, `Smith et al. (2018: 12)`. A name is bounded: from every capital of a long run of capitals, the
  // search scanned the whole run.
  masked = masked.replace(/((?:\p{Lu}[\p{L}'’-]{0,60}|al\.)\s*)(\((?:1[89]\d{2}|20\d{2})[a-z]?(?:[:,;][^()]*)?\))/gu, (_whole, name: string, year: string) => name + blank(year));
  return masked;
}

/** The period mentions of a (masked) sentence, without repeats. */
export function periodMentions(sentence: string): Mention[] {
  let rest = sentence;
  const found: Mention[] = [];
  const take = (pattern: RegExp, make: (match: RegExpExecArray) => Mention | null) => {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
      const mention = make(match);
      if (mention) found.push(mention);
      rest = rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length);
      pattern.lastIndex = match.index + match[0].length;
    }
  };
  take(rangeWords, (match) => range(match[1], match[2], match[0]));
  take(rangeDash, (match) => range(match[1], match[2], match[0]));
  take(partOfYear, (match) => {
    const text = match[0].replace(/^(?:in|during)\s+/i, '').trim();
    const half = /\b(?:half|h1|h2|6\s+months|six\s+months)\b/i.test(text);
    return half ? { kind: 'half', year: Number(match[1]), text } : { kind: 'other', text };
  });
  take(edgeOfYear, (match) => ({ kind: 'other', text: match[0].trim() }));
  take(date, (match) => ({ kind: 'other', text: match[0].trim() }));
  take(bareYear, (match) => ({ kind: 'year', year: Number(match[1]), text: match[1] ?? '' }));
  const seen = new Set<string>();
  return found.filter((mention) => {
    const key = mentionKey(mention);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function range(fromText: string | undefined, toText: string | undefined, text: string): Mention {
  const from = Number(fromText);
  let to = Number(toText);
  if ((toText ?? '').length === 2) to = Math.floor(from / 100) * 100 + to;
  return to > from ? { kind: 'range', from, to, text: text.trim() } : { kind: 'other', text: text.trim() };
}

function mentionKey(mention: Mention): string {
  switch (mention.kind) {
    case 'year':
      return `year:${mention.year}`;
    case 'half':
      return `half:${mention.year}`;
    case 'range':
      return `range:${mention.from}:${mention.to}`;
    default:
      return `other:${mention.text.toLowerCase()}`;
  }
}
