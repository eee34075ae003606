import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../pipeline/metadata/index.js';
import { parseMarkdown } from '../../pipeline/parse.js';

const metadataOf = (file: string) => extractMetadata(parseMarkdown(readFileSync(new URL(`../../sources/${file}`, import.meta.url), 'utf8')));

describe('metadata of the first seed (section titles as plain paragraphs, `^{a, *}` marks)', () => {
  const metadata = metadataOf('anti-drug-cooperation.md');

  it('reads title, authors and affiliations without marks', () => {
    expect(metadata.title).toBe('Vietnam and Cambodia: Anti-Drug Cooperation in the Border Areas');
    expect(metadata.authors).toEqual([
      { name: 'Bui Nam Khanh', affiliations: ['a'], corresponding: true, email: 'vickism.vn@gmail.com' },
    ]);
    expect(metadata.affiliations).toEqual([{ marker: 'a', name: 'Diplomatic Academy of Vietnam, Socialist Republic of Vietnam' }]);
  });

  it('reads the citation', () => {
    expect(metadata).toMatchObject({
      journal: 'Russian Journal of Political Studies',
      year: 2019,
      volume: '5',
      issue: '1',
      pages: '3-13',
      doi: '10.13187/rjps.2019.1.3',
    });
  });

  it('reads abstract and keywords', () => {
    expect(metadata.abstract).toMatch(/^Collaborative activities on drug prevention between Vietnam and Cambodia have contributed/);
    expect(metadata.abstract).toMatch(/requires more efforts of the two countries' authorities\.$/);
    expect(metadata.abstract).not.toContain('\n');
    expect(metadata.keywords).toEqual([
      'anti-drug',
      'anti-drug on the borders',
      'collaborative',
      'drug trafficking groups',
      'Vietnam-Cambodia border',
      'Vietnam-Cambodia cooperation',
    ]);
  });

  it('finds the outline from plain-paragraph and list headings', () => {
    expect(metadata.outline).toEqual([
      { depth: 1, title: '1. Introduction', line: 30 },
      { depth: 1, title: '2. Discussion and results', line: 39 },
      { depth: 2, title: 'The situation of drug trafficking on the Vietnam-Cambodia border areas', line: 41 },
      { depth: 2, title: 'Characteristics of drug trafficking groups in the Vietnam-Cambodia border areas', line: 58 },
      { depth: 2, title: 'These existing mechanisms to combat drug trafficking', line: 72 },
      { depth: 2, title: 'Bilateral', line: 74 },
      { depth: 2, title: 'Multilateral', line: 117 },
      { depth: 2, title: 'Solutions to improve the effectiveness of cooperation', line: 127 },
      { depth: 1, title: '3. Conclusion', line: 145 },
      { depth: 1, title: 'References', line: 149 },
    ]);
  });
});

describe('metadata of the second seed (`###`/`####` headings at mixed levels, `## Articles` furniture, `<sup>` marks)', () => {
  const metadata = metadataOf('human-trafficking-cooperation.md');

  it('reads title, two authors with marks and e-mails, affiliation', () => {
    expect(metadata.title).toBe('Cooperation Against Human Trafficking: Case Study of Cambodia-Vietnam Border Point');
    expect(metadata.authors).toEqual([
      { name: 'Do Thi Thanh Binh', affiliations: ['a'], corresponding: true, email: 'dobinhvn@gmail.com' },
      { name: 'Bui Nam Khanh', affiliations: ['a'], corresponding: false, email: 'vickism.vn@gmail.com' },
    ]);
    expect(metadata.affiliations).toEqual([{ marker: 'a', name: 'Diplomatic Academy of Vietnam, Socialist Republic of Vietnam' }]);
  });

  it('reads the citation from hard-broken lines', () => {
    expect(metadata).toMatchObject({
      journal: 'Russian Journal of Political Studies',
      year: 2020,
      volume: '6',
      issue: '1',
      pages: '3-12',
      doi: '10.13187/rjps.2020.1.3',
    });
  });

  it('reads abstract and bold keywords', () => {
    expect(metadata.abstract).toMatch(/^After its border with China, Cambodia is Vietnam's second key borderline/);
    expect(metadata.keywords).toEqual([
      'border crime',
      'border security',
      'human trafficking',
      'protections against',
      'Vietnam-Cambodia cooperation',
    ]);
  });

  it('normalises heading levels, drops `## Articles` and the figure text `### Lucrative trade`', () => {
    expect(metadata.outline).toEqual([
      { depth: 1, title: '1. Introduction', line: 32 },
      { depth: 2, title: 'Characteristics of the Vietnam-Cambodia border for human trafficking', line: 56 },
      { depth: 2, title: 'Human trafficking on the Vietnam-Cambodia border', line: 91 },
      { depth: 2, title: 'International cooperation – the most effective solution to combat human trafficking', line: 122 },
      { depth: 1, title: '3. Conclusion', line: 156 },
      { depth: 1, title: 'References', line: 160 },
    ]);
  });
});
