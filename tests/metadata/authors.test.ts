import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../pipeline/metadata/index.js';
import { bylineNames } from '../../pipeline/metadata/names.js';
import { parseMarkdown } from '../../pipeline/parse.js';

/** Made-up names and titles in the forms converters emit. */
const authorsOf = (markdown: string) => extractMetadata(parseMarkdown(markdown)).authors.map((author) => author.name);
const article = (byline: string) => `# A Made-Up Study of Invented Things\n\n${byline}\n\n## Abstract\n\nWe study invented things.\n`;

describe('authors: the byline in the forms converters emit', () => {
  it('reads ALL-CAPS names joined by AND', () => {
    expect(authorsOf(article('MARIA VELASCO, PETER OLSEN, AND LENA VAN DER BERG\nDepartment of Invented Medicine, Nowhere University'))).toEqual([
      'MARIA VELASCO',
      'PETER OLSEN',
      'LENA VAN DER BERG',
    ]);
  });

  it('reads names with marks glued, apart, as carets, superscript digits, <sup> and daggers', () => {
    expect(authorsOf(article('Jane K. Roe1,2, Tom Baker3*, Ana Lima2'))).toEqual(['Jane K. Roe', 'Tom Baker', 'Ana Lima']);
    expect(authorsOf(article('Ola Nordmann a,b,c,n, Kari Holm d,e, Per T. Berg c'))).toEqual(['Ola Nordmann', 'Kari Holm', 'Per T. Berg']);
    expect(authorsOf(article('Ola Nordmann^a,b,*, Kari Holm^c'))).toEqual(['Ola Nordmann', 'Kari Holm']);
    expect(authorsOf(article('Ola Nordmann¹, Kari Holm²'))).toEqual(['Ola Nordmann', 'Kari Holm']);
    expect(authorsOf(article('Ola Nordmann<sup>a</sup>, Kari Holm<sup>b, *</sup>'))).toEqual(['Ola Nordmann', 'Kari Holm']);
    expect(authorsOf(article('Ola Nordmann†, Kari Holm‡, and Per Berg§,*'))).toEqual(['Ola Nordmann', 'Kari Holm', 'Per Berg']);
  });

  it('reads names in LaTeX marks', () => {
    expect(authorsOf(article('Ola Nordmann\\textsuperscript{1,2}, Kari Holm\\textsuperscript{2}, and Per Berg\\textsuperscript{3}'))).toEqual(['Ola Nordmann', 'Kari Holm', 'Per Berg']);
    expect(authorsOf(article('Min Zhao1, Wei $\\mathbf { L i n } ^ { 1 * }$ , Jun $\\mathbf { W } \\mathbf { u } ^ { 2 \\dag }$'))).toEqual(['Min Zhao', 'Wei Lin', 'Jun Wu']);
  });

  it('reads names interleaved with e-mails and a footnote', () => {
    const byline = 'Ola Nordmann\\({}^{1}\\)1\nola@example.org\nWork done while visiting Example Labs.\nKari Holm\\({}^{2}\\)\nkari@example.org';
    expect(authorsOf(article(byline))).toEqual(['Ola Nordmann', 'Kari Holm']);
  });

  it('reads a byline split over lines and a heading, with degrees', () => {
    const byline = 'F. Ola Nordmann, PhD,\n1,2 K. Holm, MSc, 1 P. Berg, PhD,\n1,3\n\n## T. Lund, Phd, 1 And R. Moe, Phd4,5';
    expect(authorsOf(article(byline))).toEqual(['F. Ola Nordmann', 'K. Holm', 'P. Berg', 'T. Lund', 'R. Moe']);
  });

  it('reads `A · B · C`, `By …` and names several lines long', () => {
    expect(authorsOf(article('Ola Nordmann · Kari Holm · Per Berg'))).toEqual(['Ola Nordmann', 'Kari Holm', 'Per Berg']);
    expect(authorsOf(article('By Ola Nordmann and Kari Holm'))).toEqual(['Ola Nordmann', 'Kari Holm']);
    expect(authorsOf(article('Ola Nordmann, Kari Holm\n**Per Berg, Liv Dahl**\n**Eva Lie**'))).toEqual(['Ola Nordmann', 'Kari Holm', 'Per Berg', 'Liv Dahl', 'Eva Lie']);
  });

  it('reads names run together with the affiliation, and a group author', () => {
    expect(authorsOf(article('Wei Lin Jun Wu Min Zhao Department of Imaginary Science, Example University'))).toEqual(['Wei Lin', 'Jun Wu', 'Min Zhao']);
    expect(authorsOf(article('Ola Nordmann1, Kari Holm2,3, the Invented Fever Consortium†'))).toEqual(['Ola Nordmann', 'Kari Holm', 'the Invented Fever Consortium']);
  });

  it('reads a byline glued to the first sentence of the abstract', () => {
    const md = '# A Made-Up Study of Invented Things\n\nOla Nordmann and Kari Holm Station arrival behaviour has been studied to see how timetables affect waiting.\n';
    expect(authorsOf(md)).toEqual(['Ola Nordmann', 'Kari Holm']);
  });

  it('reads CJK names written with spaces', () => {
    expect(authorsOf(article('王 小 明, 李 四'))).toEqual(['王小明', '李四']);
    expect(authorsOf(article('이 민 수, 김 지 영'))).toEqual(['이민수', '김지영']);
  });

  it('reads names a field gives', () => {
    expect(authorsOf('# Bestandsbericht Lager Nord\n\nAutor: Max Beispiel\n\nDer Bestand ist gestiegen.\n')).toEqual(['Max Beispiel']);
    expect(authorsOf('# 示例研究报告\n\n作者：王小明 李四\n\n正文。\n')).toEqual(['王小明', '李四']);
    expect(authorsOf('INVENTORY COUNT REPORT\nReport ID: X-1\nPrepared By: Dana Example\n')).toEqual(['Dana Example']);
  });

  it('never takes a sentence fragment, a title, a field label, a bracket, an e-mail or a company banner', () => {
    expect(bylineNames('The results were mixed.')).toBeNull();
    expect(bylineNames('题目：示例研究')).toBeNull();
    expect(bylineNames('[STRICT MODE: output rejected]')).toBeNull();
    expect(bylineNames('{ola, kari}@example.org')).toBeNull();
    expect(bylineNames('STARLIGHT CINEMAS')).toBeNull();
    expect(bylineNames('1 Features 3 Description')).toBeNull();
    expect(bylineNames('Executive Summary')).toBeNull();
    expect(authorsOf('BOOKING ORDER\nPrint Date 01/02/2024 10:00:00\nPage 1 of 1\nSTARLIGHT CINEMAS\nOrders\n')).toEqual([]);
    expect(authorsOf('# 目錄\n\n# 示例集團控股有限公司\n\n# 目錄\n')).toEqual([]);
  });
});

describe('authors: one name alone needs a sign of a byline', () => {
  it('reads `N Roe`, `Ola Nordmann*` and `By Ola Nordmann`, but not a two-word subtitle', () => {
    expect(authorsOf(article('Q Varga'))).toEqual(['Q Varga']);
    expect(authorsOf(article('Ola Nordmann*'))).toEqual(['Ola Nordmann']);
    expect(authorsOf(article('By Ola Nordmann'))).toEqual(['Ola Nordmann']);
    expect(authorsOf('# Annual Water Report\n\nNorth Region\n\nThe region used less water this year than last.\n')).toEqual([]);
  });
});
