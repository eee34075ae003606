import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../pipeline/metadata/index.js';
import { parseMarkdown } from '../../pipeline/parse.js';

/** Made-up articles and reports; the DOIs use the 10.5555 test prefix. */
const metadataOf = (markdown: string) => extractMetadata(parseMarkdown(markdown));
const article = (lines: string[]) => ['# A Made-Up Study of Invented Things', '', 'Ola Nordmann, Kari Holm', '', ...lines].join('\n');

describe('DOI in every form, never from the references', () => {
  it.each([
    ['https://doi.org/10.5555/abc.2020.001', '10.5555/abc.2020.001'],
    ['http://dx.doi.org/10.5555/abc.2020.002', '10.5555/abc.2020.002'],
    ['doi.org/10.5555/abc.2020.003', '10.5555/abc.2020.003'],
    ['doi: 10.5555/abc.2020.004.', '10.5555/abc.2020.004'],
    ['DOI 10.5555/ABC-2020-005', '10.5555/ABC-2020-005'],
    ['Invented Journal 2004;13:447–453. doi: 10.5555/ij.2003.006', '10.5555/ij.2003.006'],
  ])('reads `%s`', (line, doi) => {
    expect(metadataOf(article(['## Abstract', '', 'We study things.', '', '## Introduction', '', 'Text.', '', line, ''])).doi).toBe(doi);
  });

  it('reads a DOI in a footnote bullet after the abstract', () => {
    const md = article(['## Abstract', '', 'We study things.', '', '* Corresponding author.', 'E-mail: ola@example.org', 'http://dx.doi.org/10.5555/own.7', '']);
    expect(metadataOf(md).doi).toBe('10.5555/own.7');
  });

  it('skips the references, a reference entry and another article’s DOI', () => {
    const md = article([
      'DOI of original article: https://doi.org/10.5555/other.1',
      '',
      '## References',
      '',
      '1. Roe J. An older study. J Inv. 2001;2:3–4. doi:10.5555/cited.1',
      '',
      'Roe J, Lee K, (2002) Another study. https://doi.org/10.5555/cited.2',
      '',
    ]);
    expect(metadataOf(md).doi).toBeNull();
  });

  it('takes the DOI after a page of the previous article’s references', () => {
    const md = [
      'the end of the previous article on this page.',
      '',
      '## REFERENCES',
      '',
      '1 Roe J. Something. Invented Journal 2003;12:1–2. doi: 10.5555/cited.3',
      '',
      '# FIELD NOTES',
      '',
      '## Corporate giving and the sugar industry: help or harm?',
      '',
      'Q Varga',
      '',
      'Invented Journal 2004;13:447-453. doi: 10.5555/own.8',
      '',
    ].join('\n');
    expect(metadataOf(md)).toMatchObject({ title: 'Corporate giving and the sugar industry: help or harm?', doi: '10.5555/own.8' });
  });
});
