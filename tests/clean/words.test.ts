import { describe, expect, it } from 'vitest';
import { lostWords } from './helpers/words.js';

describe('lostWords: the check that nothing disappears silently', () => {
  it('reports a word missing from both the cleaned text and the log, with how many occurrences', () => {
    expect(lostWords('Copyright 2019 by the house. The house', 'The house', [])).toEqual({ copyright: 1, '2019': 1, by: 1, the: 1, house: 1 });
  });
  it('accepts a word that a change logged', () => {
    expect(lostWords('Copyright 2019. Text', 'Text', [{ rule: 'furniture', line: 1, before: 'Copyright 2019.', after: '' }])).toEqual({});
  });
});
