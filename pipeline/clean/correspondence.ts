/**
 * correspondence: `Corresponding author` lines and the authors' e-mail addresses leave the body; the metadata keeps
 * them. Converters put them where the first page ended, as a paragraph, an escaped `\*` line or a one-item `*` list.
 */
import type { Root, RootContent } from 'mdast';
import type { CleanRule } from './rule.js';
import { lineOf, plainLines, sourceOf } from './text.js';

const correspondenceLine =
  /^(?:[*†‡]\s*)?(?:corresponding author|correspondence(?: to)?|auteur correspondant|korrespondenzautor|tác giả liên hệ|автор для переписки|通讯作者)\b.{0,200}$/iu;
const emailLine = /^(?:[*†‡]\s*)?(?:e-?mail(?: address(?:es)?)?|email)\s*:?.*@.*$/iu;
const emailOnly = /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+[\s,;]*(?:\([^)]*\))?[\s,;]*)+$/u;

function isCorrespondence(block: RootContent): boolean {
  const target = block.type === 'list' && block.children.length === 1 ? block.children[0]! : block;
  if (target.type !== 'paragraph' && target.type !== 'listItem') return false;
  const lines = plainLines(target);
  return lines.length > 0 && lines.every((line) => correspondenceLine.test(line) || emailLine.test(line) || emailOnly.test(line));
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
