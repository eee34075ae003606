/**
 * parseMarkdown (pipeline/parse/fast.ts) must give exactly remark's tree: same nodes, same line, column and offset on
 * every point. Checked on the seeds, every fixture, named cases that once could go wrong, and random Markdown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseWithRemark } from '../../pipeline/parse.js';
import { parseFast } from '../../pipeline/parse/fast.js';

const runs = Number(process.env['PARSE_RUNS'] ?? 400);
const seed = process.env['PARSE_SEED'] ? Number(process.env['PARSE_SEED']) : 20261127;
const root = new URL('../../', import.meta.url).pathname;

function files(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(folder, entry.name)) : /\.(md|markdown)$/.test(entry.name) ? [path.join(folder, entry.name)] : [],
  );
}

/** Fast and reference trees, compared strictly, at the default grouping and at one chunk per parse. */
function expectSame(text: string): void {
  const reference = parseWithRemark(text);
  expect(parseMarkdown(text)).toStrictEqual(reference);
  expect(parseFast(text, { groupChars: 1 }).tree).toStrictEqual(reference);
}

describe('parseMarkdown: remark\'s tree on real sources', () => {
  for (const file of [...files('sources'), ...files('tests/fixtures')]) {
    it(file, () => {
      const text = readFileSync(path.join(root, file), 'utf8');
      expectSame(text);
      expect(parseFast(text).fallback).toBeNull();
    });
  }
});

describe('parseMarkdown: named cases', () => {
  it('a plain paragraph is synthesized with its exact positions; trailing spaces of its last line stay out of the text', () => {
    const text = '# Title\n\nFirst line, with 12.5 per cent\nsecond line.   \n\nEnd';
    const tree = parseMarkdown(text);
    expect(tree.children[1]).toStrictEqual({
      type: 'paragraph',
      children: [
        {
          type: 'text',
          value: 'First line, with 12.5 per cent\nsecond line.',
          position: { start: { line: 3, column: 1, offset: 9 }, end: { line: 4, column: 13, offset: 52 } },
        },
      ],
      position: { start: { line: 3, column: 1, offset: 9 }, end: { line: 4, column: 16, offset: 55 } },
    });
    expectSame(text);
  });

  it('CRLF and CR line endings stay in the text value, and offsets count them', () => {
    for (const ending of ['\r\n', '\r']) {
      const text = ['| a | b |', '| - | - |', '| 1 | 2 |', '', 'Plain one', 'plain two', '', '- item', '', 'Last'].join(ending);
      expectSame(text);
      expect(parseMarkdown(text).children[1]).toMatchObject({ children: [{ value: `Plain one${ending}plain two` }] });
    }
  });

  it('a fenced code block left open swallows the prose after it: the whole text goes to remark', () => {
    const text = 'Intro\n\n```\ncode\n\nLooks like prose\n\nMore prose';
    expect(parseFast(text).fallback).toBe('placeholder not confirmed');
    expectSame(text);
    expect(parseMarkdown(text).children.map((node) => node.type)).toStrictEqual(['paragraph', 'code']);
  });

  it('an HTML comment spanning blank lines keeps its prose-looking lines', () => {
    const text = 'Intro\n\n<!-- a comment\n\nwith prose inside\n\nand its end -->\n\nAfter';
    expectSame(text);
    expect(parseMarkdown(text).children.map((node) => node.type)).toStrictEqual(['paragraph', 'html', 'paragraph']);
  });

  it('a reference and its definition in different chunks: still a reference', () => {
    const text = 'See [the report] and a note[^1].\n\nPlain prose between.\n\n| a |\n| - |\n| 1 |\n\nMore plain prose.\n\n[the report]: https://example.org\n\n[^1]: The note.';
    expectSame(text);
    const types = JSON.stringify(parseMarkdown(text));
    expect(types).toContain('"linkReference"');
    expect(types).toContain('"footnoteReference"');
  });

  it('lines that look plain but are not: ordered list markers, setext underlines, autolinks, hard breaks', () => {
    for (const text of [
      'Intro\n\n2019. The year\n\nEnd',
      'Intro\n\n1) first\n\nEnd',
      'Title\n=====\n\nEnd',
      'Title\n-----\n\nEnd',
      'Visit www.example.org today\n\nEnd',
      'Mail someone at x.org\n\nEnd',
      'HTTPS://example.org\n\nEnd',
      'Hard  \nbreak\n\nEnd',
      'Soft \nbreak\n\nEnd',
      'Back\\\nslash\n\nEnd',
      'Tab\there\n\nEnd',
    ]) {
      expectSame(text);
    }
  });

  it('a list, a quote or indented code before a blank line and plain prose end there, as in remark', () => {
    for (const text of ['- a\n\n- b\n\nPlain', '> quote\n\nPlain', '    code\n\nPlain\n\n    more code', '1. a\n\n   b\n\nPlain', '[^n]: note\n\n    more\n\nPlain']) {
      expectSame(text);
    }
  });

  it('a byte order mark (dropped from micromark\'s offsets) sends the text to remark', () => {
    expect(parseFast('\uFEFFPlain\n\n| a |\n| - |').fallback).toBe('byte order mark');
    expectSame('\uFEFFPlain\n\n| a |\n| - |');
  });

  it('a simple GFM table is built without micromark, exactly as remark builds it', () => {
    const text = 'Table 1. Cases\n\n| Year | Cases |  |\n|:--|--:|:-:|\n| 2015 | 1.000 (3) |   |\n| **Total** | 7 | x |\n\nAfter';
    const tree = parseMarkdown(text);
    const cell = (line: number, from: number, to: number, offset: number, children: unknown[]) => ({
      type: 'tableCell',
      children,
      position: { start: { line, column: from, offset: offset + from - 1 }, end: { line, column: to, offset: offset + to - 1 } },
    });
    const word = (value: string, line: number, from: number, offset: number) => ({
      type: 'text',
      value,
      position: { start: { line, column: from, offset: offset + from - 1 }, end: { line, column: from + value.length, offset: offset + from - 1 + value.length } },
    });
    expect(tree.children[1]).toStrictEqual({
      type: 'table',
      align: ['left', 'right', 'center'],
      children: [
        {
          type: 'tableRow',
          children: [cell(3, 1, 8, 16, [word('Year', 3, 3, 16)]), cell(3, 8, 16, 16, [word('Cases', 3, 10, 16)]), cell(3, 16, 20, 16, [])],
          position: { start: { line: 3, column: 1, offset: 16 }, end: { line: 3, column: 20, offset: 35 } },
        },
        {
          type: 'tableRow',
          children: [cell(5, 1, 8, 50, [word('2015', 5, 3, 50)]), cell(5, 8, 20, 50, [word('1.000 (3)', 5, 10, 50)]), cell(5, 20, 25, 50, [])],
          position: { start: { line: 5, column: 1, offset: 50 }, end: { line: 5, column: 25, offset: 74 } },
        },
        {
          type: 'tableRow',
          children: [
            cell(6, 1, 13, 75, [
              { type: 'strong', children: [word('Total', 6, 5, 75)], position: { start: { line: 6, column: 3, offset: 77 }, end: { line: 6, column: 12, offset: 86 } } },
            ]),
            cell(6, 13, 17, 75, [word('7', 6, 15, 75)]),
            cell(6, 17, 22, 75, [word('x', 6, 19, 75)]),
          ],
          position: { start: { line: 6, column: 1, offset: 75 }, end: { line: 6, column: 22, offset: 96 } },
        },
      ],
      position: { start: { line: 3, column: 1, offset: 16 }, end: { line: 6, column: 22, offset: 96 } },
    });
    expect(parseFast(text).parses).toBe(0);
    expectSame(text);
  });

  it('tables that are not simple go to remark: ragged rows, escaped pipes, inline code, emphasis, tabs, no outer pipes', () => {
    for (const table of [
      '| a | b |\n| - | - |\n| 1 |',
      '| a | b |\n| - | - |\n| 1 | 2 | 3 |',
      '| a | b |\n| - |\n| 1 | 2 |',
      '| a \\| b |\n| - |',
      '| `a|b` | c |\n| - | - |',
      '| *a* | **b ** |\n| - | - |',
      '| ** b** | c |\n| - | - |',
      '| a\tb | c |\n| - | - |',
      '| a | b | \n| - | - |',
      'a | b\n- | -',
      '| a |\n| - |\nplain row',
      '| www.x.org |\n| - |',
      '| a |\n| = |',
      '| a |',
      '| a |\n| - |',
      '|a|\n|-|\n|b|',
    ]) {
      expectSame(`Intro\n\n${table}\n\nAfter`);
      expectSame(`- item\n\n${table}`);
      expectSame(`\`\`\`\n\n${table}\n\n\`\`\``);
    }
  });

  it('tab-separated lines are plain text; a line ending in a tab is not', () => {
    const text = 'Intro\n\nYear\tCases\n2015\t12\n2016\t14 \n\nYear\tCases\t\n2015\t12';
    expectSame(text);
    expect(parseMarkdown(text).children[1]).toMatchObject({ type: 'paragraph', children: [{ type: 'text', value: 'Year\tCases\n2015\t12\n2016\t14' }] });
    expect(parseFast(text).synthesized).toBe(2);
  });

  it('an HTML block opened by <table> or <div> is kept as written, as remark keeps it', () => {
    const text = 'Intro\n\n<table><tr><td>*a*</td></tr>  \r\n</table> text **b**\n\n<div class="x">\n\nAfter';
    expect(parseMarkdown(text).children.slice(1, 3)).toStrictEqual([
      {
        type: 'html',
        value: '<table><tr><td>*a*</td></tr>  \r\n</table> text **b**',
        position: { start: { line: 3, column: 1, offset: 7 }, end: { line: 4, column: 20, offset: 58 } },
      },
      { type: 'html', value: '<div class="x">', position: { start: { line: 6, column: 1, offset: 60 }, end: { line: 6, column: 16, offset: 75 } } },
    ]);
    expect(parseFast(text).parses).toBe(0);
    expectSame(text);
    for (const other of ['<tablex>\n', '<table\t>', '<td>1</td>', ' <table>', '<table>\n\tx', '<!-- <table> -->\n\nx', '<pre>\n\n<table>\n\n</pre>']) {
      expectSame(`Intro\n\n${other}\n\nAfter`);
      expectSame(`- item\n\n${other}`);
    }
  });

  it('empty and blank texts', () => {
    for (const text of ['', '\n', '  \n\n', 'x', 'x\n']) expectSame(text);
  });
});

// Random Markdown: blocks of every kind the parser knows, with blank lines between some of them, and prose lines that
// are plain, nearly plain, or plain-looking inside other constructs.
const word = fc.constantFrom('the', 'Border', 'cases', '2019', '12.5', 'per', 'cent', 'www', 'HTTP', 'a@b.org', '*x*', '_y_', '`c`', '[a]', '[^1]', '&amp;', '<b>', '-->', '~~s~~', 'x|y', '\\', '1.', 'end.', 'ü', '中文');
const proseLine = fc
  .tuple(fc.constantFrom('', '', '', '', '1. ', '2) ', '- ', '> ', '    ', '  ', '# ', '\t', 'A '), fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '', '', ' ', '  ', '\\'))
  .map(([lead, words, tail]) => `${lead}${words.join(' ')}${tail}`);
const plainProse = fc.array(fc.array(fc.constantFrom('The', 'cases', 'rose', '2019', '12.5', 'per', 'cent', 'in', 'Lao', 'Cai'), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 })
  .chain((lines) => fc.tuple(fc.constant(lines.map((words) => words.join(' '))), fc.boolean(), fc.constantFrom('', '', ' ', '   ')))
  // Mostly with blank lines around it, so that it is a block of its own (and is synthesized); sometimes ending in spaces.
  .map(([lines, alone, tail]) => (alone ? ['', ...lines.slice(0, -1), `${lines[lines.length - 1]}${tail}`, ''] : lines));
// Pipe tables, simple ones (built without micromark) and nearly simple ones, mostly as blocks of their own.
const tableCell = fc.constantFrom('', ' ', ' 2015 ', ' 1.000 (3) ', '**Total**', ' ** T** ', ' *a* ', ' `c` ', ' a\\|b ', ' www.x ', '\tx', ' <b>1</b> ', '-');
const simpleTable = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.array(tableCell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.constantFrom('---', ':--', '--:', ':-:', ' - ', '==='), fc.boolean(), fc.constantFrom('', '', '', ' '))
  .map(([width, rows, delimiter, alone, tail]) => {
    const line = (cells: string[]) => `|${cells.join('|')}|${tail}`;
    const body = rows.map((cells, index) => line(index === 0 ? cells.slice(0, width).concat(Array(Math.max(0, width - cells.length)).fill(' h ')) : cells));
    const table = [body[0]!, line(Array(width).fill(delimiter)), ...body.slice(1)];
    return alone ? ['', ...table, ''] : table;
  });
const fragment: fc.Arbitrary<readonly string[]> = fc.oneof(
  { weight: 8, arbitrary: plainProse },
  { weight: 4, arbitrary: fc.array(proseLine, { minLength: 1, maxLength: 3 }) },
  { weight: 4, arbitrary: fc.constant(['']) },
  { weight: 1, arbitrary: fc.constantFrom(['  '], ['\t']) },
  { weight: 2, arbitrary: fc.constantFrom(['| Year | Cases |', '| --- | ---: |', '| 2015 | 1.000 |', '| **Total** | 3 |'], ['Year | Cases', '-- | --', '2015 | 7']) },
  { weight: 2, arbitrary: fc.constantFrom(['Year\tCases\tObjects', '2015\t12\t3', '2016\t14\t4'], ['Year\tCases\t', '2015\t12']) },
  { weight: 4, arbitrary: simpleTable },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(['<table><tr><td>1</td></tr></table>'], ['<TABLE border=1>', '<tr><td>*a*</td></tr>', '</TABLE>  '], ['<div>', '# not a heading', '- nor a list'], ['<div/>'], ['<tablex>'], ['<table\t>'], ['<table>', '\tx']), fc.boolean())
      .map(([lines, alone]) => (alone ? ['', ...lines, ''] : lines)),
  },
  { weight: 2, arbitrary: fc.constantFrom(['<table><tr><td>1</td></tr></table>'], ['<div>', 'text'], ['</div>'], ['<!-- open comment'], ['comment end -->'], ['<script>', 'x'], ['</script>'], ['<pre>'], ['<?php'], ['?>']) },
  { weight: 2, arbitrary: fc.constantFrom(['```'], ['```js', 'code'], ['~~~'], ['    indented code'], ['\tindented code']) },
  { weight: 2, arbitrary: fc.constantFrom(['- item'], ['* item', '  continued'], ['1. first', '2. second'], ['   - nested']) },
  { weight: 1, arbitrary: fc.constantFrom(['> quote'], ['> > deep'], ['>']) },
  { weight: 1, arbitrary: fc.constantFrom(['# Heading'], ['## Heading ##'], ['==='], ['---'], ['***']) },
  { weight: 1, arbitrary: fc.constantFrom(['---', 'title: x', '---'], ['+++']) },
  { weight: 1, arbitrary: fc.constantFrom(['[^1]: A note.'], ['[a]: https://example.org "t"'], ['[b]:', '  /url'], ['See [a] and [^1] and [b].']) },
);
const document = fc
  .tuple(fc.array(fragment, { maxLength: 30, size: 'max' }), fc.constantFrom('\n', '\n', '\n', '\r\n', '\r'), fc.boolean())
  .map(([fragments, ending, final]) => fragments.flat().join(ending) + (final ? ending : ''));

describe('parseMarkdown: random Markdown', () => {
  it(`equals remark's tree (${runs} documents, seed ${seed})`, () => {
    let fast = 0;
    let synthesized = 0;
    let split = 0;
    fc.assert(
      fc.property(document, fc.constantFrom(1, 64, 8192), (text, groupChars) => {
        const result = parseFast(text, { groupChars });
        if (result.fallback === null) fast++;
        if (result.synthesized > 0) synthesized++;
        if (result.parses > 1) split++;
        expect(result.tree).toStrictEqual(parseWithRemark(text));
      }),
      { numRuns: runs, seed },
    );
    // The property is only worth something if most documents take the fast path.
    expect(fast).toBeGreaterThan(runs / 2);
    expect(synthesized).toBeGreaterThan(runs / 4);
    expect(split).toBeGreaterThan(runs / 10);
  });
});
