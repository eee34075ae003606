import { describe, expect, it } from 'vitest';
import { rules } from '../../pipeline/clean/index.js';
import { parseMarkdown } from '../../pipeline/parse.js';
import { clean, sourceOf, withoutPositions } from './helpers/clean.js';

const long = 'The basin authorities agreed on a common register of wells, pumps and permits that both sides keep up to date and publish every year, as the treaty of 2013 requires';

function cleaned(lines: string[]): string {
  return clean(sourceOf(lines.join('\n'))).markdown;
}

describe('cleaning rules at their edges', () => {
  it('runs the rules in the documented order', () => {
    expect(rules.map((rule) => rule.name)).toEqual([
      'tables', 'furniture', 'correspondence', 'markers', 'inline-html', 'footnotes', 'headings', 'furniture', 'references', 'page-breaks', 'headings', 'links', 'table-anchors',
    ]);
  });

  it('writes a title the converter broke over two lines as one heading line, and cleans it the same twice', () => {
    const once = cleaned(['Cooperation Against Human', 'Trafficking at the Border', '', 'Abstract', '', 'Some text here.', '', '1. Introduction', '', 'Body text.']);
    expect(once).toBe('# Cooperation Against Human Trafficking at the Border\n\n## Abstract\n\nSome text here.\n\n## 1. Introduction\n\nBody text.\n');
    expect(cleaned([once])).toBe(once);
    // Found by the fuzz test: an unclosed <b> between two lines with no word, which are no title (and stay so).
    expect(cleaned(['', '|', '<b>', '!'])).toBe('|\n!\n');
    expect(cleaned(['|\n!\n'])).toBe('|\n!\n');
  });

  it('does not mutate the caller\'s tree', () => {
    const source = sourceOf('Copyright © 2020 by X\n\n# Title\n\nText <b>bold</b>.');
    const tree = parseMarkdown(source.text);
    const copy = structuredClone(tree);
    clean(source);
    expect(withoutPositions(tree)).toEqual(withoutPositions(copy));
  });

  it('keeps repeated source lines under tables and a title that says "Review"', () => {
    const markdown = cleaned(['# A Review of Water Policy', '', 'Abstract', '', 'Short.', '', 'Source: own calculations', '', `${long}.`, '', 'Source: own calculations']);
    expect(markdown).toBe(`# A Review of Water Policy\n\n## Abstract\n\nShort.\n\nSource: own calculations\n\n${long}.\n\nSource: own calculations\n`);
  });

  it('leaves a genuine paragraph end and a short unpunctuated line alone', () => {
    const markdown = cleaned(['# T', '', `${long}.`, '', 'Next paragraph starts here.', '', 'The Economist', '', 'Drug routes run through the border provinces.']);
    expect(markdown).toBe(`# T\n\n${long}.\n\nNext paragraph starts here.\n\nThe Economist\n\nDrug routes run through the border provinces.\n`);
  });

  it('joins a capitalised continuation only after a long cut paragraph', () => {
    const rest = 'Vietnamese forces should help with training, funding and the means to detect crimes.';
    expect(cleaned(['# T', '', `${long} and`, '', rest])).toBe(`# T\n\n${long} and ${rest}\n`);
    // Figure text that a converter left after a short unpunctuated line is not a continuation.
    expect(cleaned(['# T', '', 'Fig map text and', '', rest])).toBe(`# T\n\nFig map text and\n\n${rest}\n`);
  });

  it('keeps a one-item * list after a finished paragraph when no mark calls it', () => {
    const markdown = cleaned(['# T', '', `${long}.`, '', '* A single bullet point that is a real list item.']);
    expect(markdown).toBe(`# T\n\n${long}.\n\n- A single bullet point that is a real list item.\n`);
  });

  it('writes exponents and chemical indices as Unicode, ordinals as text', () => {
    expect(cleaned(['# T', '', 'An area of 5 km<sup>2</sup> with H<sub>2</sub>O since the 19<sup>th</sup> century.'])).toBe(
      '# T\n\nAn area of 5 km² with H₂O since the 19th century.\n',
    );
  });

  it('reports a link to nowhere and keeps its words', () => {
    const result = clean(sourceOf('# T\n\nAs [Fig 9](#) shows, and as [Smith, 2018](#) says.'));
    expect(result.markdown).toBe('# T\n\nAs Fig 9 shows, and as Smith, 2018 says.\n');
    expect(result.changes.map(({ rule, line, before, after }) => [rule, line, before, after])).toEqual([
      ['links', 3, '[Fig 9](#)', 'Fig 9'],
      ['links', 3, '[Smith, 2018](#)', 'Smith, 2018'],
    ]);
  });
});
