/**
 * tableFindings and sourceFindings rule by rule, on small hand-written records.
 */
import { describe, expect, it } from 'vitest';
import { concludingSentence, sourceFindings, tableFindings } from '../../pipeline/findings/index.js';
import { record } from './records.js';

describe('periods and series', () => {
  it('never ends a comparison on a partial period, and says it is partial', () => {
    const table = record({
      columns: [['Year', 'text'], ['Arrests', 'integer']],
      rows: [['2016', '100'], ['2017', '150'], ['2018', '120'], ['2019 (6 months)', '40']],
    });
    expect(tableFindings(table)).toEqual([
      'Arrests peaked at 150 in 2017 and were lowest at 100 in 2016.',
      'From 2016 to 2018 Arrests rose 20.0%, from 100 to 120.',
      'The row “2019 (6 months)” covers only part of a period and is left out of these comparisons.',
    ]);
  });

  it('says nothing about a change with fewer than two full periods', () => {
    const table = record({
      columns: [['Year', 'year'], ['Cases', 'integer']],
      rows: [['2018', '10'], ['half of 2019', '4']],
    });
    expect(tableFindings(table)).toEqual([]);
  });

  it('gives no percentage change from zero, and no peak for a flat series', () => {
    const fromZero = record({ columns: [['Year', 'year'], ['Cases', 'integer']], rows: [['2017', '0'], ['2018', '5'], ['2019', '3']] });
    expect(tableFindings(fromZero)).toEqual(['Cases peaked at 5 in 2018 and were lowest at 0 in 2017.']);
    const flat = record({ columns: [['Year', 'year'], ['Cases', 'integer']], rows: [['2017', '7'], ['2018', '7']] });
    expect(tableFindings(flat)).toEqual(['From 2017 to 2018 Cases were unchanged at 7.']);
  });

  it('reads periods in time order, skips total and section rows, and names ties', () => {
    const table = record({
      columns: [['Period', 'text'], ['Seizures', 'integer']],
      rows: [['section:Border'], ['2019', '1,200'], ['2018', '900'], ['2017', '1,200'], ['total:Total', '3,300']],
    });
    expect(tableFindings(table)).toEqual([
      'Seizures peaked at 1,200 in 2017 and 2019 and were lowest at 900 in 2018.',
      'From 2017 to 2019 Seizures were unchanged at 1,200.',
    ]);
  });

  it('falls when the last full period is lower, and writes a singular noun with was', () => {
    const table = record({
      columns: [['YEAR', 'year'], ['NEW LEGISLATION', 'integer']],
      rows: [['2010', '8'], ['2011', '2'], ['2012', '6']],
    });
    expect(tableFindings(table)).toEqual([
      'New legislation peaked at 8 in 2010 and was lowest at 2 in 2011.',
      'From 2010 to 2012 New legislation fell 25.0%, from 8 to 6.',
    ]);
  });

  it('compares percentages in percentage points and keeps the % sign', () => {
    const table = record({
      columns: [['Year', 'year'], ['Share', 'percent']],
      rows: [['2015', '22.1%'], ['2016', '25.2%']],
    });
    expect(tableFindings(table)).toEqual([
      'Share peaked at 25.2% in 2016 and was lowest at 22.1% in 2015.',
      'From 2015 to 2016 Share rose 3.1 percentage points, from 22.1% to 25.2%.',
    ]);
  });

  it('follows at most three series, and none without a period column', () => {
    const table = record({
      columns: [['Year', 'year'], ['A', 'integer'], ['B', 'integer'], ['C', 'integer'], ['D', 'integer']],
      rows: [['2018', '1', '2', '3', '4'], ['2019', '2', '3', '4', '5']],
    });
    expect(tableFindings(table).filter((sentence) => sentence.startsWith('From'))).toEqual([
      'From 2018 to 2019 A rose 100.0%, from 1 to 2.',
      'From 2018 to 2019 B rose 50.0%, from 2 to 3.',
      'From 2018 to 2019 C rose 33.3%, from 3 to 4.',
    ]);
    const noPeriods = record({ columns: [['Province', 'text'], ['Cases', 'integer']], rows: [['An Giang', '4'], ['Tay Ninh', '9']] });
    expect(tableFindings(noPeriods)).toEqual([]);
  });
});

describe('nested groups', () => {
  const grouped = (inner: string[]) =>
    record({
      columns: [
        ['Year', 'year'],
        [['Nationwide', 'Cases'], 'integer'],
        [['Nationwide', 'Victims'], 'integer'],
        [['Border', 'Cases'], 'integer'],
        [['Border', 'Victims'], 'integer'],
      ],
      rows: [
        ['2018', '100', '200', inner[0]!, '20'],
        ['2019', '300', '400', inner[1]!, '30'],
      ],
    });

  it('gives the inner group’s share of the outer when inner ≤ outer in every row', () => {
    expect(tableFindings(grouped(['10', '50']))).toContain('Border cases were 15.0% of Nationwide cases (60 of 400), 2018–2019.');
  });

  it('asserts no nesting when one row breaks it', () => {
    expect(tableFindings(grouped(['10', '350'])).filter((sentence) => sentence.includes('% of'))).toEqual([]);
  });
});

describe('checks', () => {
  it('turns a total mismatch and other checks into sentences', () => {
    const table = record({
      columns: [['Year', 'year'], [['Border', 'Objects'], 'integer']],
      rows: [['2018', '5'], ['total:Tổng', '9']],
      checks: [
        { kind: 'total-mismatch', column: 'border.objects', stated: 9, computed: 5, message: 'Total row says 9 but the column sums to 5' },
        { kind: 'ragged-row', message: 'row 3 had 4 cells; the extra cell was dropped', line: 7 },
      ],
    });
    expect(tableFindings(table)).toEqual([
      'The Tổng row gives 9 for Border / Objects, but the rows above sum to 5.',
      'Row 3 had 4 cells; the extra cell was dropped.',
    ]);
  });
});

describe('key findings of a source', () => {
  it('takes the conclusion, then two sentences per table, six at most', () => {
    const table = (label: string) =>
      record({ label, columns: [['Year', 'year'], ['Cases', 'integer'], ['Victims', 'integer']], rows: [['2018', '10', '4'], ['2019', '20', '2']] });
    const findings = sourceFindings([table('Table 1'), table('Table 2'), table('Table 3')], 'We study things. We conclude that things rose. Data are open.');
    expect(findings).toEqual([
      'We conclude that things rose.',
      'Table 1: From 2018 to 2019 Cases rose 100.0%, from 10 to 20.',
      'Table 1: From 2018 to 2019 Victims fell 50.0%, from 4 to 2.',
      'Table 2: From 2018 to 2019 Cases rose 100.0%, from 10 to 20.',
      'Table 2: From 2018 to 2019 Victims fell 50.0%, from 4 to 2.',
      'Table 3: From 2018 to 2019 Cases rose 100.0%, from 10 to 20.',
    ]);
    expect(sourceFindings([], null)).toEqual([]);
  });

  it('uses the abstract’s last sentence when none concludes, and keeps abbreviations inside sentences', () => {
    expect(concludingSentence('Cases rose (Smith et al. 2019). Victims fell, e.g. in Tay Ninh.')).toBe('Victims fell, e.g. in Tay Ninh.');
    expect(concludingSentence('   ')).toBeNull();
  });
});
