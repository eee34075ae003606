/**
 * Cleaning twice gives what cleaning once gave: one case per cause the fuzz test (tests/fuzz) found, each minimised
 * from a spliced document and written as a converter would leave it. Cleaned as the build cleans (bound, parse,
 * tables, clean).
 */
import { describe, expect, it } from 'vitest';
import { cleanFile } from '../../pipeline/analyse.js';
import { sourceOf } from './helpers/clean.js';

function cleanedTwice(lines: string[]): { once: string; twice: string } {
  const once = cleanFile(sourceOf(lines.join('\n'))).markdown;
  return { once, twice: cleanFile(sourceOf(once)).markdown };
}

describe('cleaning is idempotent', () => {
  it('puts an anchor between two tables that cleaning leaves side by side, so they stay two tables', () => {
    // pymupdf4llm's split table (tests/fixtures/tables/gfm-page-break.md) with a stray line before the second part
    // that is not page furniture to the table stage, so the parts stay two tables. Cleaning then moves or removes
    // what stood between them: the second table's anchor keeps them apart when the text is read again.
    const table = (rows: string[]) => ['| Month | Cases | Objects |', '|---|---|---|', ...rows];
    const split = (between: string[]) =>
      cleanedTwice([
        '# Report', '', 'Vietnam–Cambodia cooperation report', '', 'Table 4. Arrests by month (2019)', '',
        ...table(['| January | 31 | 45 |', '| March | 35 | 52 |']), '', '12', '', ...between,
        ...table(['| April | 30 | 41 |', '| Total | 66 | 93 |']),
      ]);
    const first = '<a id="table-4"></a>**Table 4.** Arrests by month (2019)\n\n| Month | Cases | Objects |\n| - | -: | -: |\n| January | 31 | 45 |\n| March | 35 | 52 |\n\n';
    const second = '<a id="table-2"></a>\n\n| Month | Cases | Objects |\n| - | -: | -: |\n| April | 30 | 41 |\n| Total | 66 | 93 |\n';
    // A line cut from `Corresponding author` continues the running header above the table: the page-breaks rule
    // joins the two and moves them before it.
    const moved = split(['orresponding author', 'Vietnam–Cambodia cooperation report', '']);
    expect(moved.once).toBe(`# Report\n\nVietnam–Cambodia cooperation report orresponding author\nVietnam–Cambodia cooperation report\n\n${first}${second}`);
    expect(moved.twice).toBe(moved.once);
    // The running header goes as furniture, the correspondence mark as correspondence.
    const removed = split(['Vietnam–Cambodia cooperation report', '', '\\* Corresponding author']);
    expect(removed.once).toBe(`# Report\n\n${first}${second}`);
    expect(removed.twice).toBe(removed.once);
  });

  it('keeps a note paragraph after a table as written (its spacing too), so a note kept verbatim is not rewritten later', () => {
    // The note stood before the second part of a split table, after the running header: cleaning removes the header
    // and keeps the note as it was. Read again, it is the note after the first table, and must stay as it is.
    const table = (rows: string[]) => ['| Month | Cases | Objects |', '|---|---|---|', ...rows];
    const { once, twice } = cleanedTwice([
      '# Report', '', 'Vietnam–Cambodia cooperation report', '', 'Table 4. Arrests by month (2019)', '',
      ...table(['| January | 31 | 45 |', '| March | 35 | 52 |']), '', '12', '', 'Vietnam–Cambodia cooperation report', '',
      '\\*  Source: police', ...table(['| April | 30 | 41 |', '| Total | 66 | 93 |']),
    ]);
    expect(once).toBe(
      '# Report\n\n<a id="table-4"></a>**Table 4.** Arrests by month (2019)\n\n| Month | Cases | Objects |\n| - | -: | -: |\n' +
        '| January | 31 | 45 |\n| March | 35 | 52 |\n\n\\*  Source: police\n\n| Month | Cases | Objects |\n| - | -: | -: |\n' +
        '| April | 30 | 41 |\n| Total | 66 | 93 |\n',
    );
    expect(twice).toBe(once);
  });

  it('ties a caption to its table past what cleaning removes between them (a correspondence line, a page number)', () => {
    // Left apart, the caption and the table met once the line between them went, and the next cleaning tied them.
    const table = ['| Month | Cases |', '|---|---|', '| January | 31 |', '| March | 35 |'];
    const expected = '# Report\n\nSome text.\n\n<a id="table-4"></a>**Table 4.** Arrests by month (2019)\n\n| Month | Cases |\n| - | -: |\n| January | 31 |\n| March | 35 |\n';
    for (const between of [['\\* Corresponding author'], ['12', '']]) {
      const { once, twice } = cleanedTwice(['# Report', '', 'Some text.', '', 'Table 4. Arrests by month (2019)', '', ...between, ...table]);
      expect(once).toBe(expected);
      expect(twice).toBe(once);
    }
  });

  it('converts tags inside tags at once: nested pairs, an unwrapped span, a lone tag inside a pair', () => {
    const nested = cleanedTwice(['# Seizures', '', 'The <b>border <i>provinces</i></b> and <span>the <b>gates</b></span> rose.']);
    expect(nested.once).toBe('# Seizures\n\nThe **border _provinces_** and the **gates** rose.\n');
    expect(nested.twice).toBe(nested.once);
    // A mangled close (`< /b>`) pairs the open tag with the next close: the open tag between them is lone.
    const mangled = cleanedTwice(['# Totals', '', '<b>Total</b>\t<b>1.666< /b>\t<b>2.271</b>\t<b>3.965</b>']);
    expect(mangled.once).toBe('# Totals\n\n**Total**\t**1.666< /b>\t2.271**\t**3.965**\n');
    expect(mangled.twice).toBe(mangled.once);
  });

  it('joins a cut paragraph to a continuation that grew by a join of its own', () => {
    // `Over the` alone is too short to continue the long paragraph; joined to its lower-case rest past the figure
    // placeholder and caption, it is long enough, and the next cleaning would join it.
    const cut = 'Cities that build protected lanes often report fewer injuries, but the evidence is mixed because the cities that build them also change speed limits and parking rules in the';
    const { once, twice } = cleanedTwice(['# Lanes', '', cut, '', 'Over the', '', '<!-- image -->', '', 'Figure 1. Injuries per year', '', 'same years, which makes the effect of the lanes hard to isolate.']);
    expect(once).toBe(`# Lanes\n\n${cut} Over the same years, which makes the effect of the lanes hard to isolate.\n\n<!-- image -->\n\nFigure 1. Injuries per year\n`);
    expect(twice).toBe(once);
  });

  it('never reads a section name that occurs twice (`References`, one a heading) as a running header', () => {
    // The headings rule makes the heading a paragraph; read again, the two paragraphs looked like a running header.
    const { once, twice } = cleanedTwice([
      '# Two studies', '', 'Injuries fell in nine of the eleven cities.', '', '## References', '', '- Rossi, M. (2020). Safer streets.', '',
      'Markets save water where the rules are enforced.', '', 'References', '', 'Smith, J. (2018). Pumping and prices.',
    ]);
    expect(once.match(/^## References$/gm)).toHaveLength(2);
    expect(twice).toBe(once);
  });

  it('never makes a caption that starts the source its title (the table would lose its caption when read again)', () => {
    const { once, twice } = cleanedTwice(['', 'Table 6. Arrests by month (2020)', '', '| Month | Cases |', '|---|---|', '| January | 29 |', '', 'Table 7. Seizures by month (2020)']);
    expect(once).toBe('<a id="table-6"></a>**Table 6.** Arrests by month (2020)\n\n| Month | Cases |\n| - | -: |\n| January | 29 |\n\nTable 7. Seizures by month (2020)\n');
    expect(twice).toBe(once);
  });

  it('never takes a continuation from between a caption and its table (they would meet, and be tied next time)', () => {
    const { once, twice } = cleanedTwice([
      '# Seizures', '', 'The border provinces reported', '', 'Table 5. Seizures by border gate', '',
      'more seizures than in any year before.', '| Border gate | Heroin (kg) |', '|---|---|', '| Mộc Bài | 12.5 |',
    ]);
    expect(once).toBe('# Seizures\n\nThe border provinces reported\n\nTable 5. Seizures by border gate\n\nmore seizures than in any year before.\n\n| Border gate | Heroin (kg) |\n| - | -: |\n| Mộc Bài | 12.5 |\n');
    expect(twice).toBe(once);
  });

  it('never joins a caption in another language (`Tabelle 3:`) as a cut paragraph', () => {
    const { once, twice } = cleanedTwice([
      '# Drogendelikte', '', 'Tabelle 3: Tatverdächtige nach Altersgruppe', '', '| Altersgruppe | Deutsche |', '|---|---|', '| unter 21 | 1.203 |', '| über 30 | 3.150 |', '',
      'a', 'Tabelle 4: Fälle und Tatverdächtige',
    ]);
    expect(once).toBe('# Drogendelikte\n\n<a id="tabelle-3"></a>**Tabelle 3.** Tatverdächtige nach Altersgruppe\n\n| Altersgruppe | Deutsche |\n| - | - |\n| unter 21 | 1.203 |\n| über 30 | 3.150 |\n\na\nTabelle 4: Fälle und Tatverdächtige\n');
    expect(twice).toBe(once);
  });

  it('reads tags in aligned-text and LaTeX cells as a GFM cell reads them (the table written back reads the same)', () => {
    // pdftotext layout in a code block, with the converter's tags left in: a reader of the GFM table sees no tags.
    const aligned = cleanedTwice(['```', 'Region<br>     2018   2019', 'Nord            530    511', '<b>Süd</b>      901    948', '```']);
    expect(aligned.once).toBe('| Region | 2018 | 2019 |\n| - | -: | -: |\n| Nord | 530 | 511 |\n| Süd | 901 | 948 |\n');
    expect(aligned.twice).toBe(aligned.once);
    const latex = cleanedTwice(['\\begin{tabular}{l r}', 'Year & Cases \\\\', '2018 & 211 \\\\', '2019<br> & <b>318</b> \\\\', '\\end{tabular}']);
    expect(latex.once).toBe('| Year | Cases |\n| -: | -: |\n| 2018 | 211 |\n| 2019 | 318 |\n');
    expect(latex.twice).toBe(latex.once);
  });

  it('keeps an autolink in an aligned cell as its text', () => {
    const { once, twice } = cleanedTwice(['```', 'Source                 Cases  Victims', 'Hanoi                    511      948', '<https://example.org>     12       30', '```']);
    expect(once).toBe('| Source | Cases | Victims |\n| - | -: | -: |\n| Hanoi | 511 | 948 |\n| \\<https\\://example.org> | 12 | 30 |\n');
    expect(twice).toBe(once);
  });

  it('leaves one line end where a lone tag stood on a line of its own inside a paragraph', () => {
    const { once, twice } = cleanedTwice(['# Seizures', '', 'Seizures rose in 2018 (113)', '</b>', 'and fell in 2019.', '<sup>']);
    expect(once).toBe('# Seizures\n\nSeizures rose in 2018 (113)\nand fell in 2019.\n');
    expect(twice).toBe(once);
  });

  it('leaves an empty heading as it is', () => {
    const { once, twice } = cleanedTwice(['Border cooperation', '', '## Abstract', '', 'Short.', '', '## ']);
    expect(once).toBe('# Border cooperation\n\n## Abstract\n\nShort.\n\n##\n');
    expect(twice).toBe(once);
  });

  it('does not make a heading whose one line would read as furniture from a paragraph the furniture rule kept', () => {
    const { once, twice } = cleanedTwice(['© 2020 Journal Press Ltd.', 'Drug routes through the border provinces', '', 'The seizures rose in every year of the period.']);
    expect(once).toBe('© 2020 Journal Press Ltd.\nDrug routes through the border provinces\n\nThe seizures rose in every year of the period.\n');
    expect(twice).toBe(once);
  });

  it('never takes a numbered section heading for the title (the ordered list it was written as is none)', () => {
    const { once, twice } = cleanedTwice(['2. Conclusion']);
    expect(once).toBe('## 2. Conclusion\n');
    expect(twice).toBe(once);
  });

  it('judges a repeated line the same whether a copy is a heading, a paragraph or a one-item ordered list', () => {
    // Neither `References` heads a section: each becomes a paragraph, still a copy of a heading, so both stay. (A
    // `References` heading is never the title, so the document has one of its own.)
    const references = cleanedTwice(['# Border cooperation', '', '### References', '## Abstract', '## References']);
    expect(references.once).toBe('# Border cooperation\n\nReferences\n\n## Abstract\n\nReferences\n');
    expect(references.twice).toBe(references.once);
    // A numbered line repeated (digits masked, as for page numbers) is a running header in both of its forms.
    const numbered = cleanedTwice(['# Border cooperation', '', '1. Introduction', '', '**1. Introduction**', '', 'Body text of the introduction.']);
    expect(numbered.once).toBe('# Border cooperation\n\nBody text of the introduction.\n');
    expect(numbered.twice).toBe(numbered.once);
  });

  it('reads a line of tags alone as no row of an aligned table', () => {
    const { once, twice } = cleanedTwice(['# Seizures', '', ' Region  2020', '(113)', '</b>', '', ' Nord  511', ' Süd   948']);
    expect(once).toBe('# Seizures\n\n| Region (113) | 2020 |\n| - | -: |\n| Nord | 511 |\n| Süd | 948 |\n');
    expect(twice).toBe(once);
  });

  it('never joins the text after a table to its caption as a paragraph cut by a page break', () => {
    const { once, twice } = cleanedTwice(['# Seizures', '', 'Table 1. Seizures by year', '', '2018\t1.537\t2.626', '2019\t32\t60', '', 'rose in the border areas.']);
    expect(once).toBe('# Seizures\n\n<a id="table-1"></a>**Table 1.** Seizures by year\n\n| 2018 | 1.537 | 2.626 |\n| -: | -: | -: |\n| 2019 | 32 | 60 |\n\nrose in the border areas.\n');
    expect(twice).toBe(once);
  });

  it('keeps the other lines of a caption paragraph as a paragraph, so the caption is not read again for the table above', () => {
    const { once, twice } = cleanedTwice(['# Seizures', '', '| Province | Cases |', '|---|---|', '| Hanoi | 12 |', '', 'Table 6. Seizures by year', 'in tonnes', '| Year | Weight |', '|---|---|', '| 2020 | 3 |']);
    expect(once).toBe('# Seizures\n\n| Province | Cases |\n| - | -: |\n| Hanoi | 12 |\n\nin tonnes\n\n<a id="table-6"></a>**Table 6.** Seizures by year\n\n| Year | Weight |\n| -: | -: |\n| 2020 | 3 |\n');
    expect(twice).toBe(once);
  });

  it('closes an HTML comment that never closes when blocks are written after it (footnotes go to the end)', () => {
    const { once, twice } = cleanedTwice(['# Seizures', '', 'The seizures rose sharply\\*', '', '\\* Customs figures.', '', '<!-- page 4 ends here']);
    expect(once).toBe('# Seizures\n\nThe seizures rose sharply[^1]\n\n<!-- page 4 ends here -->\n\n[^1]: Customs figures.\n');
    expect(twice).toBe(once);
  });

  it('joins the texts a removed tag or link separated and drops a line break at the edge of a paragraph', () => {
    const { once, twice } = cleanedTwice(['# Access', '', 'Accessed from [Electronic </sup>resource]. Seized 1.223<b>**', '', 'Tabelle Tatverdächtige<br>']);
    expect(once).toBe('# Access\n\nAccessed from [Electronic resource]. Seized 1.223\n\nTabelle Tatverdächtige\n');
    expect(twice).toBe(once);
    // An empty link dropped at the start of a paragraph leaves no line end before the text.
    const link = cleanedTwice(['# Areas', '', '[](#)', 'in the border provinces.']);
    expect(link.once).toBe('# Areas\n\nin the border provinces.\n');
    expect(link.twice).toBe(link.once);
  });

  it('cleans again when cleaning brought a caption to its table (a repeated heading between them went as a running header)', () => {
    // Read as the source stands, the heading parts the caption from the LaTeX table; read again, they meet.
    const { once, twice } = cleanedTwice([
      '# Seizures', '', '## 3 Results', '', 'Some text here.', '', 'Table 1. Seizures by year', '', '## 3 Results', '',
      '\\begin{tabular}{l r}', 'Year & Cases \\\\', '2018 & 211 \\\\', '2019 & 318 \\\\', '\\end{tabular}',
    ]);
    expect(once).toBe('# Seizures\n\nSome text here.\n\n<a id="table-1"></a>**Table 1.** Seizures by year\n\n| Year | Cases |\n| -: | -: |\n| 2018 | 211 |\n| 2019 | 318 |\n');
    expect(twice).toBe(once);
  });

  it('writes a decimal that looks like dot-grouped thousands with a trailing zero, so it reads back as a decimal', () => {
    // Beside `1,682.5` the column's dot is a decimal point; written back as `1682.5`, `1.223` alone would read as 1223.
    const { once, twice } = cleanedTwice(['# Seizures', '', 'Year\tCases', '2016\t1,682.5 (12.345)', '2017\t1.223']);
    expect(once).toBe('# Seizures\n\n| Year | Cases |\n| -: | -: |\n| 2016 | 1682.5 (12.3450) |\n| 2017 | 1.2230 |\n');
    expect(twice).toBe(once);
  });

  it('finds the headings again once page breaks are joined (a line before a short line is then before body text)', () => {
    // The journal line stands before a short title-like line, which the page-breaks rule joins to the text after it.
    const { once, twice } = cleanedTwice([
      '## References', 'Journal of Water Policy 8 (2021) 45-60', '', 'Groundwater Markets in Semi-Arid Regions', '',
      'embarrassing circumstance request for international cooperation in the fight against drug-related crimes (Thanh, 2011).', '', 'References',
    ]);
    expect(once).toBe(
      // `References` is never the title: the page has none, and its headings keep their levels.
      '## References\n\n## Journal of Water Policy 8 (2021) 45-60\n\nGroundwater Markets in Semi-Arid Regions embarrassing circumstance request for ' +
        'international cooperation in the fight against drug-related crimes (Thanh, 2011).\n\n## References\n',
    );
    expect(twice).toBe(once);
  });

  it('finds the front matter without the running headers, so an `Abstract` that repeats does not mark its end', () => {
    // The first `Abstract` went as a repeated line; the journal line above the title is front matter all the same.
    const { once, twice } = cleanedTwice(['Abstract', '', 'J. Smith / Journal of Water Policy 8 (2021) 45-60', '# Water Rights in the Lower Basin', '**Abstract**']);
    expect(once).toBe('# Water Rights in the Lower Basin\n');
    expect(twice).toBe(once);
  });

  it('never joins a paragraph without a word (a lone replacement character) as text cut by a page', () => {
    const { once, twice } = cleanedTwice(['# Seizures', '', 'The border provinces', '', '\ufffd', '', 'laundering of drug money rose.']);
    expect(once).toBe('# Seizures\n\nThe border provinces\n\n\ufffd\n\nlaundering of drug money rose.\n');
    expect(twice).toBe(once);
  });

  it('reads a footnote text as it reads once a stray or unwrapped tag before its sign is gone', () => {
    // A `<sup>` the converter never closed hid the `*` from the footnotes rule; inline HTML then removed it, and the
    // next cleaning found the footnote (and its mark after the affiliation's last word, as it stands).
    const lone = cleanedTwice(['Bui Nam Khanh ^{a, *}', '', '^a Diplomatic Academy of Vietnam, Hanoi, Vietnam', '', '<sup>* Corresponding author', 'Abstract']);
    expect(lone.once).toBe('# Bui Nam Khanh\n\nDiplomatic Academy of Vietnam, Hanoi, Vietnam[^1]\n\n[^1]: Corresponding author\n    Abstract\n');
    expect(lone.twice).toBe(lone.once);
    // A `<span>` around the footnote text is unwrapped the same way: its sign ties it to its mark in the cut sentence.
    const span = cleanedTwice(['# Report', '', 'Both sides signed the agreement)* in 2019 and', '', '<span>* Agreement on cooperation in preventing drug crime</span>']);
    expect(span.once).toBe('# Report\n\nBoth sides signed the agreement)[^1] in 2019 and\n\n[^1]: Agreement on cooperation in preventing drug crime\n');
    expect(span.twice).toBe(span.once);
  });

  it('drops the furniture above a title that a section heading became, once the headings are made', () => {
    // The first block is no heading (its lines joined read as furniture), so the section heading below the web
    // address became the title only after the furniture rule ran; the next cleaning dropped the address above it.
    const { once, twice } = cleanedTwice([
      'Has been issued since 2015.', 'All articles are peer reviewed.', '', 'www.ejournal31.com', '', 'Drug Routes Through the Border Provinces', '',
      'After its border with China, Cambodia is the second key borderline for drug trafficking. Seizures on the border rose in every year of the period, and both sides set up joint patrols.',
    ]);
    expect(once).toBe(
      'Has been issued since 2015.\nAll articles are peer reviewed.\n\n# Drug Routes Through the Border Provinces\n\n' +
        'After its border with China, Cambodia is the second key borderline for drug trafficking. Seizures on the border rose in every year of the period, and both sides set up joint patrols.\n',
    );
    expect(twice).toBe(once);
  });

  it('writes a table that stood in a list item as blocks apart, so the item reads back as it was written', () => {
    // The converter's HTML table continues a reference entry. The item was tight, so the anchor and the table were
    // written on adjacent lines, but the blank line before the anchor paragraph made the item loose when read again.
    const { once, twice } = cleanedTwice([
      '- Anh, H. (2016). Drug criminals invade the border line with Cambodia. *Tiengchuong*.',
      '  <table><tr><th>Year</th><th>Heroin (kg)</th></tr><tr><td>2018</td><td>19,2</td></tr><tr><td>2019</td><td>42,7</td></tr></table>',
    ]);
    expect(once).toBe(
      '- Anh, H. (2016). Drug criminals invade the border line with Cambodia. *Tiengchuong*.\n\n  <a id="table-1"></a>\n\n' +
        '  | Year | Heroin (kg) |\n  | -: | -: |\n  | 2018 | 19.2 |\n  | 2019 | 42.7 |\n',
    );
    expect(twice).toBe(once);
  });

  it('drops a style its tags left empty, so a line break or space before it is at the edge of its paragraph', () => {
    // The emptied emphasis wrote nothing, but the hard break (or the space) before it was kept, off the edge: written
    // as a trailing backslash or space, the next reading took it as text or dropped it.
    const emphasis = cleanedTwice(['# Seizures', '', 'The seizures rose in every border province.  ', '_</sup>_']);
    expect(emphasis.once).toBe('# Seizures\n\nThe seizures rose in every border province.\n');
    expect(emphasis.twice).toBe(emphasis.once);
    const strong = cleanedTwice(['# Seizures', '', 'The seizures rose in every border **<br>**']);
    expect(strong.once).toBe('# Seizures\n\nThe seizures rose in every border\n');
    expect(strong.twice).toBe(strong.once);
  });

  it('drops the empty text a lone tag leaves on its own line, so the line break before it ends the paragraph', () => {
    // Removing `</sup>` took the line end before it too, and left an empty text after the `<br>`'s break.
    const { once, twice } = cleanedTwice(['# Seizures', '', 'The seizures rose in every border province<br>', '</sup>']);
    expect(once).toBe('# Seizures\n\nThe seizures rose in every border province\n');
    expect(twice).toBe(once);
  });

  it('merges the texts where page breaks join a paragraph, so the joined text is escaped as it reads back', () => {
    // `[` ended the cut paragraph: alone in its text it was written `\[`, but read back as one text with `a] the`
    // (`[ a]`, no link) it needs no escape, and the next cleaning wrote it bare.
    const { once, twice } = cleanedTwice(['# Report', '', 'The two governments have evaluated the results:', '[', '', 'a] the border patrols']);
    expect(once).toBe('# Report\n\nThe two governments have evaluated the results:\n[ a] the border patrols\n');
    expect(twice).toBe(once);
  });

  it('reads tab-separated figures in one cell as text, not as one number run together and written with an exponent', () => {
    // A stray `|` made a one-column table of tab-separated rows: each cell's figures read as one number (tabs and
    // all as group separators), the longest written back as `2.0163544639274894e+25`, which reads back as text.
    const { once, twice } = cleanedTwice(['# Cases', '', '|', '2015\t407\t489\t1.000\t62\t121\t232\t07\t18\t23', '2016\t354\t463\t927\t48\t92\t201\t10\t26\t27']);
    expect(once).toBe('# Cases\n\n| \\| |\n| - |\n| 2015 407 489 1.000 62 121 232 07 18 23 |\n| 2016 354 463 927 48 92 201 10 26 27 |\n');
    expect(twice).toBe(once);
  });
});
