import type { Heading, List } from 'mdast';
import { describe, expect, it } from 'vitest';
import { summarizeChanges } from '../../pipeline/clean/index.js';
import { plainText } from '../../pipeline/clean/text.js';
import { clean, invariants, readSource } from './helpers/clean.js';

const antiDrug = readSource('sources/anti-drug-cooperation.md');
const trafficking = readSource('sources/human-trafficking-cooperation.md');

function outline(markdown: string, tree: ReturnType<typeof clean>['tree']): string[] {
  void markdown;
  return tree.children.filter((block): block is Heading => block.type === 'heading').map((heading) => `${heading.depth} ${plainText(heading)}`);
}

function linesOf(result: ReturnType<typeof clean>, rule: string): Array<number | null> {
  return result.changes.filter((change) => change.rule === rule).map((change) => change.line);
}

describe('seed 1: anti-drug-cooperation (plain lines, ^{…} marks, * footnote, half-list references)', () => {
  const result = clean(antiDrug);

  it('takes the journal furniture and the correspondence out of the flow', () => {
    expect(linesOf(result, 'furniture')).toEqual([3, 7, 13]);
    expect(linesOf(result, 'correspondence')).toEqual([34]);
    for (const gone of ['Copyright', 'E-ISSN', 'www.ejournal31.com', 'Has been issued', 'Corresponding author', 'vickism.vn@gmail.com', '10.13187']) {
      expect(result.markdown).not.toContain(gone);
    }
  });

  it('removes affiliation marks from the author line and the affiliation', () => {
    expect(result.markdown).toContain('\n\nBui Nam Khanh\n\nDiplomatic Academy of Vietnam, Socialist Republic of Vietnam\n\n');
    expect(result.changes.filter((change) => change.rule === 'markers').map((change) => change.before)).toEqual(['^{a, *}', '^a']);
  });

  it('joins the paragraphs cut at page breaks, across the correspondence and the footnote', () => {
    expect(linesOf(result, 'page-breaks')).toEqual([37, 78, 88, 115, 131, 143]);
    expect(result.markdown).toContain('the limitations in cooperation between the two countries');
    expect(result.markdown).toContain('so it was very embarrassing circumstance request');
    expect(result.markdown).toContain('among border provinces has not been conducted');
    expect(result.markdown).toContain('trade and money laundering from smuggling');
    expect(result.markdown).toContain('The Government and Vietnamese functional forces');
    // A genuine paragraph end stays one.
    expect(result.markdown).toContain('Crime (UNODC).\n\n### Solutions');
  });

  it('turns the * footnote into a GFM footnote called where its mark stood', () => {
    expect(result.markdown).toContain('agreement)[^1]. However');
    expect(result.markdown).toMatch(/\n\[\^1\]: Agreement on cooperation in drug prevention .* on December 7, 2018\.\n$/);
  });

  it('makes headings of the pseudo-headings with normalised levels', () => {
    expect(outline(result.markdown, result.tree)).toEqual([
      '1 Vietnam and Cambodia: Anti-Drug Cooperation in the Border Areas',
      '2 Abstract',
      '2 1. Introduction',
      '2 2. Discussion and results',
      '3 The situation of drug trafficking on the Vietnam-Cambodia border areas',
      '3 Characteristics of drug trafficking groups in the Vietnam-Cambodia border areas',
      '3 These existing mechanisms to combat drug trafficking',
      '3 Bilateral',
      '3 Multilateral',
      '3 Solutions to improve the effectiveness of cooperation',
      '2 3. Conclusion',
      '2 References',
    ]);
  });

  it('makes one reference list of the items and the plain paragraphs, DOIs linked', () => {
    const at = result.tree.children.findIndex((block) => block.type === 'heading' && plainText(block) === 'References');
    const list = result.tree.children[at + 1] as List;
    expect(list.type).toBe('list');
    expect(list.children).toHaveLength(29);
    expect(result.tree.children[at + 2]?.type).toBe('footnoteDefinition');
    expect(result.markdown).toContain('DOI: [10.3109/09687639709017413](https://doi.org/10.3109/09687639709017413)');
    expect(linesOf(result, 'references')).toHaveLength(17);
  });

  it('reports links to nowhere and keeps their words', () => {
    expect(result.changes.filter((change) => change.rule === 'links').map((change) => change.before)).toContain('[Chuong, 2018b](#)');
    expect(result.markdown).toContain('dangerous" (Chuong, 2018b).');
    expect(result.markdown).not.toContain('](#)');
  });

  it('loses no word silently, is idempotent and round-trips', () => {
    const checks = invariants(antiDrug, result);
    expect(checks.lost).toEqual({});
    expect(checks.secondPass.changes).toEqual([]);
    expect(checks.secondPass.markdown).toBe(result.markdown);
    expect(checks.roundTrips).toBe(true);
  });

  it('summarises the changes per rule, in rule order', () => {
    expect(summarizeChanges(result.changes)).toEqual([
      { rule: 'furniture', count: 3 },
      { rule: 'correspondence', count: 1 },
      { rule: 'markers', count: 2 },
      { rule: 'footnotes', count: 2 },
      { rule: 'headings', count: 12 },
      { rule: 'references', count: 17 },
      { rule: 'page-breaks', count: 6 },
      { rule: 'links', count: 8 },
    ]);
  });
});

describe('seed 2: human-trafficking-cooperation (headings at random levels, <sup>, <b>, broken emphasis)', () => {
  const result = clean(trafficking);

  it('takes the furniture, the issue label and the correspondence out', () => {
    expect(linesOf(result, 'furniture')).toEqual([3, 7, 13, 18]);
    expect(linesOf(result, 'correspondence')).toEqual([36, 39]);
    expect(result.markdown).not.toContain('Articles');
    expect(result.markdown).not.toContain('dobinhvn@gmail.com');
  });

  it('removes <sup> marks but keeps ordinals as text', () => {
    expect(result.markdown).toContain('\n\nDo Thi Thanh Binh, Bui Nam Khanh\n\nDiplomatic Academy of Vietnam, Socialist Republic of Vietnam\n\n');
    expect(result.markdown).toContain('from 16th to 18th centuries');
    expect(result.markdown).toContain('end of the 19th and early 20th centuries');
    expect(result.markdown).not.toContain('<sup>');
  });

  it('converts <b> to strong and drops the stray ** of the references', () => {
    expect(result.markdown).toContain('**Total**\t**1.666**');
    expect(result.markdown).toContain('\n- Khanh, 2018 – *Khanh, B.N.* (2018). Factors Affecting');
    expect(result.markdown).not.toMatch(/\d\*\* –/);
    expect(linesOf(result, 'inline-html').filter((line) => line === 112)).toHaveLength(10);
  });

  it('joins the page breaks, the italic quote into one emphasis', () => {
    expect(linesOf(result, 'page-breaks')).toEqual([41, 60, 85, 95, 116, 128, 140, 152]);
    expect(result.markdown).toContain('fighting and suppressing trafficking crimes on three border lines');
    expect(result.markdown).not.toContain('suppressing* *trafficking');
    expect(result.markdown).toContain('arrest of objects, destroying many lines');
  });

  it('normalises the heading levels and drops the bold wrapper', () => {
    expect(outline(result.markdown, result.tree)).toEqual([
      '1 Cooperation Against Human Trafficking: Case Study of Cambodia-Vietnam Border Point',
      '2 Abstract',
      '2 1. Introduction',
      '3 Characteristics of the Vietnam-Cambodia border for human trafficking',
      '3 Human trafficking on the Vietnam-Cambodia border',
      '3 International cooperation – the most effective solution to combat human trafficking',
      '2 3. Conclusion',
      '2 References',
    ]);
    // Text lifted from the Fig. 1 infographic is no section: it stays, as a paragraph.
    expect(result.markdown).toContain('\n\nLucrative trade\n\n');
  });

  it('loses no word silently, is idempotent and round-trips', () => {
    const checks = invariants(trafficking, result);
    expect(checks.lost).toEqual({});
    expect(checks.secondPass.changes).toEqual([]);
    expect(checks.secondPass.markdown).toBe(result.markdown);
    expect(checks.roundTrips).toBe(true);
  });
});
