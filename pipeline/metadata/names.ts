/**
 * Names: whether a line of the front matter is a byline, and the names on it, in the forms converters emit:
 * `A, B and C`, `A · B · C`, ALL-CAPS names, marks glued or apart (`Smith1,2`, `Smith a,b,*`, `Smith†`, LaTeX
 * `\textsuperscript{1}`, `$\mathbf { L i u } ^ { 1 }$`), degrees (`PhD`), CJK names written with spaces (`王 小 明`).
 */

/** Words that make a line an affiliation, an address or a heading, never a person. */
const notNameWord =
  /^(?:university|universit[àéy]|universidade|universidad|department|dept|institute|institut|instituto|school|college|faculty|laborator(?:y|ies)|lab|center|centre|hospital|clinic|academy|inc|ltd|llc|corp|corporation|company|group|gmbh|ag|ai|research|sciences?|engineering|division|program(?:me)?|ministry|foundation|council|society|association|press|journal|abstract|introduction|summary|contents|keywords?|references|article|review|original|editor|received|accepted|published|copyright|table|figure|the|of|for|in|on|with|to|from|by|at|an?|is|are|was|we|this|our|its|report|data|email|e-mail|correspondence|road|street|avenue|suite|floor|building|features?|description)$/iu;
/** A group author at the end of a byline: `the Viral Hemorrhagic Fever Consortium`. */
const groupAuthor = /^(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s+){1,6}(?:consortium|group|collaborators|collaboration|team|network|investigators)$/iu;
/** Particles inside names: `Van Den Berghe`, `Dos Santos`, `El Banani`. */
const particle = /^(?:van|von|den|der|de|del|della|di|da|das|dos|du|la|le|bin|ibn|al|el|y|e|ter|ten|zu|st\.?)$/iu;
/** Degrees and titles written after or before a name. */
const degree = /^(?:ph\.?d\.?|m\.?d\.?|m\.?sc\.?|b\.?sc\.?|sc\.?d\.?|m\.?p\.?h\.?|m\.?a\.?|dr\.?|prof\.?|jr\.?|sr\.?|rn|mba|ms|ma|bs|ba)$/iu;
/** A name word: capitalised (`Smith`, `McQuiston`, `O'Neil`, `Jean-Luc`), ALL CAPS, or an initial (`F.`, `J.-P.`). */
const nameWord = /^(?:\p{Lu}[\p{Ll}\p{Lu}'’-]*\p{Ll}[\p{L}'’-]*|\p{Lu}[\p{Lu}'’-]+|(?:\p{Lu}\.-?){1,3}|\p{Lu})$/u;
/** A CJK or Hangul name: two to four characters. */
const cjkName = /^[\p{Script=Han}\p{Script=Hangul}]{2,4}$/u;
/** Affiliation and footnote marks a converter left on a name. */
const markChars = /[\d*†‡§¶#✉⁎∗⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜᵈᵉᶠ]+/gu;

/**
 * The line without the markup of marks: LaTeX superscripts and bold letters, `^{…}`, `\textsuperscript{…}`.
 * `Hongzhi $\mathbf { L i u } ^ { 1 * }$` → `Hongzhi Liu`.
 */
export function withoutMarkMarkup(line: string): string {
  return line
    .replace(/\(\s*\{?\s*\}?\s*\)/g, ' ')
    .replace(/\\textsuperscript\{[^}]*\}?/g, ' ')
    .replace(/\\\(\s*\{\s*\}\s*\^\s*\{[^}]*\}\s*\\\)/g, ' ')
    .replace(/\^\s*\{[^}]*\}/g, ' ')
    // A caret mark written as text: `Nordmann^a,b,*`.
    .replace(/\^[\p{Ll}\d*†‡§]+(?:,[\p{Ll}\d*†‡§]+)*/gu, ' ')
    .replace(/\\mathbf\s*\{([^}]*)\}/g, (_, letters: string) => letters.replace(/\s+/g, ''))
    .replace(/\$\s*([^$]*?)\s*\$/g, (_, inner: string) => {
      const text = inner.replace(/\s*\\dag\b/g, '').trim();
      // Letters the converter spaced apart inside math: `W u` → `Wu`.
      return /^(?:\p{L} ?)+$/u.test(text) ? text.replace(/ /g, '') : text;
    })
    .replace(/\\[a-z]+\b/gi, ' ')
    .replace(/[{}$]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** CJK names written with a space between characters (`이 민 수`) are written together. */
function joinSpacedCjk(text: string): string {
  return text.replace(/(?<![\p{Script=Han}\p{Script=Hangul}])[\p{Script=Han}\p{Script=Hangul}](?: [\p{Script=Han}\p{Script=Hangul}]){1,3}(?![\p{Script=Han}\p{Script=Hangul}])/gu, (run) => run.replace(/ /g, ''));
}

/** One name with its marks and degrees removed, or null when the words are no person's name. */
export function cleanName(piece: string): string | null {
  const text = joinSpacedCjk(piece.replace(markChars, ' ').replace(/\s+/g, ' ').trim());
  if (cjkName.test(text)) return text;
  const words = text.split(' ').filter((word) => word !== '' && !degree.test(word));
  // Affiliation letters left apart: `Kulkarni a b`.
  while (words.length > 2 && /^\p{Ll}$/u.test(words.at(-1)!)) words.pop();
  if (words.length < 2 || words.length > 5) return null;
  if (!words.every((word) => nameWord.test(word) || particle.test(word)) || words.some((word) => notNameWord.test(word))) return null;
  if (particle.test(words[0]!) && words[0] !== words[0]!.toUpperCase()) return null;
  // Initials alone (`J. K.`) are no name.
  if (words.every((word) => /^(?:\p{Lu}\.-?)+$|^\p{Lu}$/u.test(word))) return null;
  return words.join(' ');
}

/** The pieces of a byline between separators: `,` `;` `·` `•` `|` `and` `&`. */
function pieces(line: string): string[] {
  return line
    .split(/\s*(?:[,;·•|]|\band\b|\bAND\b|\bAnd\b|&)\s*/u)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '' && !/^[\p{Ll}\d*†‡§¶#✉,\s]{1,4}$/u.test(piece) && !degree.test(piece.replace(markChars, '').trim()));
}

/**
 * Names written without separators, two words each (`Tao Li Yingwen Wu Sizhe Chen`): split in pairs when every word
 * is a capitalised word and none an initial, so no pairing guesses where an initial or particle would decide.
 */
function pairedNames(piece: string): string[] | null {
  const words = piece.replace(markChars, ' ').trim().split(/\s+/);
  if (words.length < 6 || words.length % 2 !== 0) return null;
  if (!words.every((word) => /^\p{Lu}\p{Ll}+$/u.test(word) && !notNameWord.test(word) && !particle.test(word))) return null;
  const names: string[] = [];
  for (let index = 0; index < words.length; index += 2) names.push(`${words[index]} ${words[index + 1]}`);
  return names;
}

/** Where an affiliation starts on a byline that carries one: `… Xiaolin Huang Department of Automation, …`. */
function cutAffiliation(line: string): { names: string; cut: boolean } {
  const match = /\s(?:Department|Dept\.|University|Universit[àé]|Institute|School|College|Faculty|Laboratory|Center|Centre|Division)\b/u.exec(line);
  return match ? { names: line.slice(0, match.index), cut: true } : { names: line, cut: false };
}

/**
 * The names on a byline, or null when the line is no byline: every piece must be a name (a sentence fragment, a
 * title, a field label, a bracket or an e-mail is not).
 */
export function bylineNames(raw: string): string[] | null {
  const { names: cutLine, cut } = cutAffiliation(withoutMarkMarkup(raw));
  const line = cutLine.replace(/^(?:by|von|par|por)\s+/iu, '');
  // `1 Features 3 Description`: a numbered line, not names with marks.
  if (/^\d+\s+\p{Lu}\p{Ll}{2,}\b/u.test(line) && !/^\d+\s+\p{Lu}\p{Ll}+\s+\p{Lu}\.?\s/u.test(line)) return null;
  if (line === '' || line.length > 2000 || /[@:：()[\]{}<>=?!"“”]|https?:|\bet al\b|\.\s+\p{Lu}\p{Ll}+\s+\p{Ll}{2,}/u.test(line)) return null;
  if (/[.!?]$/.test(line) && !/\b\p{Lu}\.$/u.test(line)) return null;
  const names: string[] = [];
  for (const piece of pieces(line)) {
    const name = cleanName(piece);
    if (name) {
      names.push(name);
      continue;
    }
    const group = piece.replace(markChars, '').trim();
    if (names.length > 0 && groupAuthor.test(group)) {
      names.push(group);
      continue;
    }
    // Names run together only where the converter also ran the affiliation into the line.
    const paired = cut ? pairedNames(piece) : null;
    if (!paired) return null;
    names.push(...paired);
  }
  // One ALL-CAPS name alone is as likely a company or a banner (`STARLIGHT CINEMAS`).
  if (names.length === 1 && names[0] === names[0]!.toUpperCase()) return null;
  return names.length > 0 ? names : null;
}

/**
 * A byline glued to the first sentence of the abstract: `Michael Frumin and Jinhua Zhao Passenger incidence …`.
 * The names are the shortest run of two-word names joined by `,`/`and` that the sentence's capitalised first word and a
 * lower-case word follow.
 */
export function leadingNames(line: string): string[] | null {
  const name = String.raw`\p{Lu}[\p{L}'’-]*\.?(?: \p{Lu}[\p{L}'’-]*\.?){1,2}?`;
  const match = new RegExp(String.raw`^((?:${name}, )*${name},? and ${name}) (?=\p{Lu}\p{Ll}+ \p{Ll})`, 'u').exec(line);
  return match ? bylineNames(match[1]!) : null;
}
