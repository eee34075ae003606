/**
 * The words on a chart: numbers, header labels, wrapped lines.
 */
import { describe, expect, it } from 'vitest';
import { chartId } from '../../pipeline/charts/index.js';
import { displayName, formatNumber, listNames, wrapText } from '../../pipeline/charts/text.js';

describe('text', () => {
  it('formats numbers as the clean table does', () => {
    expect(formatNumber(13990)).toBe('13,990');
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(-5)).toBe('-5');
    expect(formatNumber(25.2, true)).toBe('25.2%');
    expect(formatNumber(0.0042)).toBe('0.0042');
    expect(formatNumber(3e21)).toBe('3E21');
    expect(formatNumber(2e-9)).toBe('2E-9');
    expect(formatNumber(0)).toBe('0');
  });

  it('puts headers set in capitals in sentence case, keeping acronyms', () => {
    expect(displayName('NEW OR AMENDED LEGISLATION')).toBe('New or amended legislation');
    expect(displayName('VICTIMS IDENTIFIED')).toBe('Victims identified');
    expect(displayName('YEAR')).toBe('Year');
    expect(displayName('GDP GROWTH')).toBe('GDP growth');
    expect(displayName('TIP REPORT (USD)')).toBe('TIP report (USD)');
    expect(displayName('Vietnam-Cambodia  border')).toBe('Vietnam-Cambodia border');
    expect(displayName('GDP')).toBe('GDP');
    expect(displayName('Cases')).toBe('Cases');
  });

  it('lists names in prose', () => {
    expect(listNames(['Cases'])).toBe('Cases');
    expect(listNames(['Cases', 'Objects'])).toBe('Cases and Objects');
    expect(listNames(['Cases', 'Objects', 'Victims'])).toBe('Cases, Objects and Victims');
  });

  it('wraps words into lines, cuts long words and ends a cut text with …', () => {
    expect(wrapText('half of 2019 (partial)', 16)).toEqual(['half of 2019', '(partial)']);
    expect(wrapText('Internationalisation', 10)).toEqual(['Internati-', 'onalisati-', 'on']);
    expect(wrapText('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapText('  ', 10)).toEqual([]);
  });

  it('numbers chart ids after the table id', () => {
    expect([0, 1, 2].map((index) => chartId('fig-2', index))).toEqual(['fig-2', 'fig-2-2', 'fig-2-3']);
  });
});
