import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../pipeline/metadata/index.js';
import { parseMarkdown } from '../../pipeline/parse.js';

/** Made-up documents in the shapes converters leave; no corpus text. */
const titleOf = (markdown: string) => extractMetadata(parseMarkdown(markdown)).title;

describe('title: what a reader calls the title', () => {
  it('skips a series banner above the title heading', () => {
    const md = '# GLOBAL WIND\n\n# The Quiet Engine\n\nThe case for steady power in a changing grid\n\n# Executive Summary\n\nWind is growing fast and the grid is not ready for it in most places we studied.\n';
    expect(titleOf(md)).toBe('The Quiet Engine');
  });

  it('skips journal, publisher and article-type lines above the title', () => {
    const md = [
      'Annals of Invented Studies 7 (2021) 101–109',
      'PUBLISHERCO',
      'Contents lists available at SomeDirect',
      'Invented Studies',
      'journal homepage: www.example.org/locate/ais',
      '',
      '# Data Article',
      '',
      '# A small dataset for the imaginary routing problem',
      '',
    ].join('\n');
    expect(titleOf(md)).toBe('A small dataset for the imaginary routing problem');
  });

  it('never takes a contents heading', () => {
    expect(titleOf('# Mục lục\n\n1 Giới thiệu chung 3\n\n2 Kết quả 5\n')).toBeNull();
    expect(titleOf('# 目录\n\n1 公司简介 3\n\n2 财务报告 5\n')).toBeNull();
    expect(titleOf('# Harbour Works Ltd\n\n# Inhalt\n\n1 Bericht 3\n')).toBe('Harbour Works Ltd');
  });

  it('never takes a paragraph underlined by a stray = line', () => {
    const body = 'we continue the discussion from the previous page about the costs of the scheme, which were higher than planned and paid late';
    expect(titleOf(`${body}\n===\n\nMore text follows here.\n`)).toBeNull();
  });

  it('finds no title on a page excerpt (mid-sentence, caption, table, numbered section, running header)', () => {
    expect(titleOf('of the pumps. The second stage raised the flow to 3 l/s.\n\nThe third stage failed.\n')).toBeNull();
    expect(titleOf('Table 4: Invented results per region\n\n| Region | Value |\n| --- | --- |\n| North | 1 |\n')).toBeNull();
    expect(titleOf('## **Summary Table**\n\n| Place | Rule |\n| --- | --- |\n| Avalon | Y |\n')).toBeNull();
    expect(titleOf('# 4 Experimental Setup\n\nWe trained the model on three made-up sets.\n')).toBeNull();
    expect(titleOf('Model Alpha Beta Gamma Delta\n\nRun 1 0.51 0.62 0.73 0.84\n\nRun 2 0.55 0.66 0.77 0.88\n')).toBeNull();
    expect(titleOf('生成AIの利用と課題の整理\n\n第2節\n\n第3章<br>データ活用の現状\n')).toBeNull();
    expect(titleOf('2-Year\n\n40.0%\n\n30.0%\n\n20.0%\n\n10.0%\n\n4-Year\n\nSuppose a firm bought a machine that will last four years and falls into this class of assets.\n')).toBeNull();
  });

  it('takes the document kind after the issuer on a report cover', () => {
    const vi = '# ACME\n\n## CÔNG TY CỔ PHẦN TẬP ĐOÀN ACME\n\n# BÁO CÁO TÀI CHÍNH RIÊNG\n\n## QUÝ II/2024\n\nTHÁNG 07 NĂM 2024\n';
    expect(titleOf(vi)).toBe('BÁO CÁO TÀI CHÍNH RIÊNG');
    const sec = '# UNITED STATES\n\n# SECURITIES AND EXCHANGE COMMISSION\n\nWashington, D.C. 20549\n\n# FORM 10-K\n\n(Mark One)\n';
    expect(titleOf(sec)).toBe('FORM 10-K');
    expect(titleOf('# 示例传媒科技股份有限公司\n\n2021 年年度报告\n2022-011\n\n# 第一节 重要提示\n')).toBe('2021 年年度报告');
  });

  it('takes a letterhead laid out as a table, then the title heading', () => {
    const md = 'ACME FOODS JSC | SOCIALIST REPUBLIC\n--- | ---\nACME FOODS | Independence\n\n# INFORMATION DISCLOSURE TO THE EXCHANGE\n\nTo: | The Exchange\n--- | ---\n';
    expect(titleOf(md)).toBe('INFORMATION DISCLOSURE TO THE EXCHANGE');
  });

  it('skips ratings, roles and field labels on a broker note cover', () => {
    const md = [
      '# 买入 （首次）',
      '所属行业：电子设备当前价格(元)：12.34',
      '# 证券分析师',
      '张小明资格编号：S0000000000001邮箱：zxm@example.com',
      '<table><tr><td>1M</td><td>2.1</td></tr></table>',
      '资料来源：示例研究所',
      '# 相关研究',
      '1.《示例科技（000000)：业绩稳步增长》，2021.3.1',
      '# 示例科技 （000000.SZ）：新产线投产，盈利能力提升',
      '# 投资要点',
      '',
    ].join('\n\n');
    const metadata = extractMetadata(parseMarkdown(md));
    expect(metadata.title).toBe('示例科技 （000000.SZ）：新产线投产，盈利能力提升');
    expect(metadata.authors.map((author) => author.name)).toEqual(['张小明']);
  });

  it('finds a title and its byline inside a paragraph that starts on the page before', () => {
    const md = [
      '7.12',
      'www.example-journal.org',
      'Policy in Practice',
      'partners has happened in other places, with groups refusing to be',
      'drawn into the campaign of the industry and its friends.',
      'FIELD NOTES',
      'Corporate giving and the sugar industry:',
      'help or harm?',
      'Q Varga',
      'Corporate giving emerged from a wish among large firms to account for their impact.',
    ].join('\n');
    const metadata = extractMetadata(parseMarkdown(md));
    expect(metadata.title).toBe('Corporate giving and the sugar industry: help or harm?');
    expect(metadata.authors.map((author) => author.name)).toEqual(['Q Varga']);
  });

  it('joins a title the converter broke over two lines, and takes a first line of a paragraph that says more', () => {
    const md = 'ZX-100 2-Channel Low-Noise Imaginary Amplifier with Built-in Diagnostics for\nAutomotive Head Units and Other Invented Uses\n1 Features    3 Description\n';
    expect(titleOf(md)).toBe('ZX-100 2-Channel Low-Noise Imaginary Amplifier with Built-in Diagnostics for Automotive Head Units and Other Invented Uses');
    const de = 'Beispiel Werke AG Jahresabschluss 2022\nBeispiel Werke | Jahresabschluss 2022\nDer Lagebericht der Beispiel Werke AG ist mit dem Konzernlagebericht zusammengefasst und im Geschäftsbericht 2022 veröffentlicht, wie es das Gesetz erlaubt und die Satzung vorsieht.\n';
    expect(titleOf(de)).toBe('Beispiel Werke AG Jahresabschluss 2022');
  });

  it('takes a title paragraph before a Received line, though a numbered heading comes later', () => {
    const md = 'Structural study of the invented gene abc-1 in a made-up fungus\n\nReceived: May 1, 2001 / Accepted: June 2, 2001\n\n**Abstract** The fungus makes a toxin.\n\n### Materials and methods\n';
    expect(titleOf(md)).toBe('Structural study of the invented gene abc-1 in a made-up fungus');
  });
});

describe('title: a heading over prose with punctuation only left of its links', () => {
  it('is no table header: stray commas are no figures', () => {
    expect(titleOf('# Pictures\n\n![A plan](plan.png)\n\nNot shown: ![a](a.png), ![b](b.png), ![c](c.png).\n')).toBe('Pictures');
  });
});
