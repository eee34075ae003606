import { describe, expect, it } from 'vitest';
import { clean, invariants, readSource } from './helpers/clean.js';

const fixtures = ['sup-marks', 'docling', 'pdftotext'].map((name) => readSource(`tests/fixtures/clean/${name}.md`));
const [supMarks, docling, pdftotext] = fixtures as [typeof fixtures[number], typeof fixtures[number], typeof fixtures[number]];

function body(markdown: string): string {
  // The fixture's opening comment says where it comes from; the expectations start after it.
  return markdown.replace(/^<!--[\s\S]*?-->\n\n/, '');
}

describe('fixture: Word converters (<sup> marks with \\*, escaped lines, <i>, <br>, stray **)', () => {
  const result = clean(supMarks);
  it('cleans to exactly this', () => {
    expect(body(result.markdown)).toBe(
      [
        '# Water Rights in the Lower Basin',
        'Anna Berg, Jan Novak',
        'University of Oslo, Norway',
        'Charles University, Czech Republic',
        '## Abstract',
        'This study compares how two river basin authorities share water between farms and towns during droughts.',
        '**Keywords:** water rights, drought, river basins.',
        '## 1. Introduction',
        'Water allocation in dry years is governed by rules agreed between the basin states in *1998* and revised twice[^1]. Both revisions kept the priority of towns over farms, but neither said how the losses should be shared between the farms themselves, which is what this paper examines.\\\nIt uses the records of both authorities.',
        '## References',
        '- Berg, 2019 – *Berg, A.* (2019). Drought and the law. *Water Policy*. 21: 1-17. DOI: [10.2166/wp.2019.101](https://doi.org/10.2166/wp.2019.101)',
        '[^1]: The second revision was signed in 2011 and has not been ratified by all parties.\n',
      ].join('\n\n'),
    );
  });
  it('logs each mark it removed', () => {
    expect(result.changes.filter((change) => change.rule === 'markers').map(({ line, before }) => [line, before])).toEqual([
      [5, '<sup>1, \\*</sup>'],
      [5, '<sup>2</sup>'],
      [7, '<sup>1</sup>'],
      [9, '<sup>2</sup>'],
    ]);
  });
});

describe('fixture: docling (all headings at level 2, image placeholders, page header as heading)', () => {
  const result = clean(docling);
  it('drops the repeated page header, re-levels the headings and joins across the figure', () => {
    expect(body(result.markdown)).toBe(
      [
        '# Cycling Lanes and Traffic Safety in Mid-Sized Cities',
        'Maria Rossi',
        '## Abstract',
        'We measure how protected cycling lanes change the number of injuries in eleven mid-sized cities over ten years.',
        '## 1 Introduction',
        'Cities that build protected lanes often report fewer injuries, but the evidence is mixed because the cities that build them also change speed limits, parking rules and the way the police record accidents in the same years, which makes the effect of the lanes themselves hard to isolate.',
        '<!-- image -->',
        'Figure 1. Injuries per year in the eleven cities',
        '### 1.1 Data',
        'The records come from the national accident register.',
        '## 2 Results',
        'Injuries fell in nine of the eleven cities.',
        '## References',
        '- Rossi, M. (2020). Safer streets. Urban Studies 12: 3-19.\n',
      ].join('\n\n'),
    );
    expect(result.changes.filter((change) => change.rule === 'furniture').map((change) => change.line)).toEqual([3, 31]);
  });
});

describe('fixture: pdftotext (running headers with page numbers, hyphenation at line end and page end)', () => {
  const result = clean(pdftotext);
  it('removes headers and page numbers and mends the words they split', () => {
    expect(body(result.markdown)).toBe(
      [
        '# Groundwater Markets in Semi-Arid Regions',
        '## Abstract',
        'Groundwater markets let farmers trade pumping rights, and we ask whether they save water.',
        '## 1. Introduction',
        'Farmers in semi-arid regions pump more groundwater every year. Markets are meant to move the water to where it is worth most, and the cooperation between neighbouring farmers decides whether they work at all. Earlier studies of markets in three countries found that the rules on who may trade with whom matter more than the prices, and that the management of the wells is left to the farmers themselves in most of the regions studied.',
        '## 2. Conclusion',
        'Markets save water where the rules are enforced.',
        '## References',
        '- Smith, J. (2018). Pumping and prices. Water Economics 3: 1-20.\n',
      ].join('\n\n'),
    );
    expect(result.changes.filter((change) => change.rule === 'furniture').map((change) => [change.line, change.before])).toEqual([
      [3, 'Journal of Water Policy 8 (2021) 45-60'],
      [16, '46'],
      [18, 'J. Smith / Journal of Water Policy 8 (2021) 45-60'],
      [26, '47'],
      [28, 'J. Smith / Journal of Water Policy 8 (2021) 45-60'],
    ]);
    expect(result.changes.filter((change) => change.rule === 'page-breaks').map((change) => change.after)).toEqual([
      'cooperation',
      'e prices, and that the management of the wells is left to the',
    ]);
  });
});

describe.each(fixtures.map((source) => [source.name, source] as const))('invariants on %s', (_name, source) => {
  it('loses no word silently, is idempotent and round-trips', () => {
    const result = clean(source);
    const checks = invariants(source, result);
    expect(checks.lost).toEqual({});
    expect(checks.secondPass.changes).toEqual([]);
    expect(checks.secondPass.markdown).toBe(result.markdown);
    expect(checks.roundTrips).toBe(true);
  });
});
