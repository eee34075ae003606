/**
 * latex-text: LaTeX as converters leave it in table cells (nougat's tabulars, `$\uparrow$` in a GFM header, `$ ^{*} $`
 * after a figure) → the text a reader sees: symbols as characters, markup commands dropped, their text kept.
 */
import { footnoteMark, keptMark } from './patterns.js';

/** Commands whose arguments are no text: dropped with them (count of brace arguments). */
const dropped: Record<string, number> = {
  cellcolor: 1, rowcolor: 1, columncolor: 1, color: 1, label: 1, vspace: 1, hspace: 1, rule: 2, cline: 1, cmidrule: 1,
  hhline: 1, specialrule: 3, addlinespace: 0, arraybackslash: 0, centering: 0, raggedright: 0, raggedleft: 0,
  hline: 0, toprule: 0, midrule: 0, bottomrule: 0, footnotemark: 0, noalign: 0, phantom: 1, hphantom: 1, vphantom: 1,
  setlength: 2, resizebox: 2, scalebox: 1, fontsize: 2, selectfont: 0, tiny: 0, scriptsize: 0, footnotesize: 0, small: 0,
  normalsize: 0, large: 0, Large: 0, bf: 0, it: 0, em: 0, rm: 0, sf: 0, tt: 0, bfseries: 0, itshape: 0,
};
/** Commands that are a character. */
const symbols: Record<string, string> = {
  pm: '±', mp: '∓', times: '×', cdot: '·', div: '÷', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', approx: '≈',
  sim: '~', infty: '∞', circ: '°', degree: '°', textdegree: '°', dagger: '†', ddagger: '‡', ast: '*', star: '*',
  textasteriskcentered: '*', S: '§', P: '¶', ldots: '…', dots: '…', cdots: '…', textendash: '–', textemdash: '—',
  textasciitilde: '~', textless: '<', textgreater: '>', lt: '<', gt: '>', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ',
  mu: 'μ', sigma: 'σ', chi: 'χ', rho: 'ρ', tau: 'τ', Delta: 'Δ', percent: '%', textbackslash: '\\', euro: '€',
  textdollar: '$', pounds: '£', uparrow: '↑', downarrow: '↓', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒',
  Leftarrow: '⇐', leftrightarrow: '↔', Leftrightarrow: '⇔', to: '→', checkmark: '✓', cmark: '✓', xmark: '✗', dag: '†', quad: ' ', qquad: ' ', newline: ' ', linebreak: ' ', par: ' ', thinspace: ' ', minus: '−',
};

/** The argument in braces at `at` (after white space), or null. */
export function group(text: string, at: number): { content: string; end: number } | null {
  let index = at;
  while (/\s/.test(text.charAt(index))) index++;
  if (text.charAt(index) !== '{') return null;
  let depth = 0;
  for (let end = index; end < text.length; end++) {
    const char = text.charAt(end);
    if (char === '\\') {
      end++;
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return { content: text.slice(index + 1, end), end: end + 1 };
  }
  return null;
}

/** An optional `[…]` (or `(…)` for `\cmidrule(lr)`) at `at`: the index after it. */
export function optional(text: string, at: number, open = '[', close = ']'): number {
  let index = at;
  while (/\s/.test(text.charAt(index))) index++;
  if (text.charAt(index) !== open) return at;
  const end = text.indexOf(close, index);
  return end === -1 ? at : end + 1;
}

/** LaTeX of one cell → the text a reader sees. */
export function latexText(source: string): string {
  let out = '';
  for (let at = 0; at < source.length; ) {
    const char = source.charAt(at);
    if (char === '%') {
      const end = source.indexOf('\n', at);
      at = end === -1 ? source.length : end;
      continue;
    }
    if (char === '\\') {
      const next = source.charAt(at + 1);
      if (/[a-zA-Z]/.test(next)) {
        const name = /^[a-zA-Z]+\*?/.exec(source.slice(at + 1))![0];
        at += 1 + name.length;
        const bare = name.replace(/\*$/, '');
        if (bare in dropped) {
          at = optional(source, at, '(', ')');
          at = optional(source, at);
          for (let argument = 0; argument < dropped[bare]!; argument++) {
            const taken = group(source, at);
            if (!taken) break;
            at = optional(source, taken.end);
          }
        } else if (bare === 'textcolor') {
          at = group(source, at)?.end ?? at;
        } else if (bare in symbols) {
          out += symbols[bare]!;
        } else {
          at = optional(source, at);
        }
        // A control word eats the spaces after it.
        if (!(bare in symbols) || /^[a-zA-Z]/.test(source.charAt(at))) while (source.charAt(at) === ' ') at++;
        continue;
      }
      at += 2;
      if (next === '\\' || next === ',' || next === ';' || next === ':' || next === ' ' || next === '>' || next === '\n') out += ' ';
      else if (next === '!' || next === '/' || next === '(' || next === ')' || next === '[' || next === ']') out += '';
      else out += next;
      continue;
    }
    if (char === '^' && /\d\s*$/.test(out)) {
      // A superscript after a figure is a footnote mark: `12^{a}` reads 12, `5.2^{***}` keeps its stars.
      const taken = group(source, at + 1);
      const mark = taken ? latexText(taken.content) : source.charAt(at + 1);
      if (footnoteMark.test(mark)) {
        if (keptMark.test(mark)) out = out.replace(/\s+$/, '') + mark;
        at = taken ? taken.end : at + 2;
        continue;
      }
    }
    at++;
    if (char === '{' || char === '}' || char === '$' || char === '^' || char === '_') continue;
    out += char === '~' ? ' ' : char;
  }
  return out
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/``|''/g, '"')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}


/** Inline math a converter left in a cell (`$\uparrow$`, `$ ^{*} $`, `$-0.12$`) → what it prints; `$12 to $15` is money. */
export function inlineMath(text: string): string {
  // `12.5\%`, `R\&D`: LaTeX escapes a converter wrote outside math read as the characters.
  const unescaped = text.includes('\\') ? text.replace(/\\([%&#])/g, '$1') : text;
  if (!unescaped.includes('$')) return unescaped;
  return unescaped
    .replace(/\$([^$\n]{1,200})\$/gu, (whole, math: string) => {
      if (!/\\[a-zA-Z]|\^|_\{|^\s*[-−]?\d[\d.,]*\s*$/u.test(math)) return whole;
      const printed = latexText(math);
      // An arrow or relation stands apart from its operands (`XX$\Leftrightarrow$YY` reads `XX ⇔ YY`).
      return /^[←-⇿≤≥≈≠±×÷]+$/u.test(printed) ? ` ${printed} ` : printed;
    })
    .replace(/ {2,}/g, ' ');
}
