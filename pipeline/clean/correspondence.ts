/**
 * correspondence: `Corresponding author` lines and the authors' e-mail addresses leave the body; the metadata keeps
 * them. Converters put them where the first page ended, as a paragraph, an escaped `\*` line or a one-item `*` list.
 */
import type { Root, RootContent } from 'mdast';
import type { CleanRule } from './rule.js';
import { lineOf, plainLines, sourceOf } from './text.js';

const correspondenceLine =
  /^(?:[*†‡]\s*)?(?:corresponding author|correspondence(?: to)?|auteur correspondant|korrespondenzautor|tác giả liên hệ|автор для переписки|通讯作者)\b.{0,200}$/iu;
// Patterns read source text: each is linear (no quantified group holds a quantifier, no two quantifiers share text).
const emailLabel = /^(?:[*†‡]\s*)?(?:e-?mail(?: address(?:es)?)?|email)/iu;
const emailAddress = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/u;
/** A remark in brackets after an address, `(corresponding author)`; no bracket inside, so each is scanned once. */
const remark = /\([^()]*\)/gu;

/** `E-mail: …@…`: a label, then an `@` somewhere after it. */
function isEmailLine(line: string): boolean {
  const label = emailLabel.exec(line);
  return label !== null && line.includes('@', label[0].length);
}

/** Addresses alone, separated by white space, commas or semicolons, each perhaps followed by a remark in brackets. */
function isEmailList(line: string): boolean {
  if (!/^[\w.+-]/u.test(line)) return false;
  const words = line.replace(remark, ' ').split(/[\s,;]+/u).filter((word) => word !== '');
  return words.length > 0 && words.every((word) => emailAddress.test(word));
}

function isCorrespondence(block: RootContent): boolean {
  const target = block.type === 'list' && block.children.length === 1 ? block.children[0]! : block;
  if (target.type !== 'paragraph' && target.type !== 'listItem') return false;
  const lines = plainLines(target);
  return lines.length > 0 && lines.every((line) => correspondenceLine.test(line) || isEmailLine(line) || isEmailList(line));
}

export const correspondence: CleanRule = {
  name: 'correspondence',
  transform(tree: Root, context) {
    tree.children = tree.children.filter((block) => {
      if (!isCorrespondence(block)) return true;
      context.log({ line: lineOf(block), before: sourceOf(context.source.text, block), after: '' });
      return false;
    });
  },
};
