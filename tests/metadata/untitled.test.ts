import { describe, expect, it } from 'vitest';
import { analyseSource } from '../../pipeline/analyse.js';
import { displayTitle } from '../../pipeline/compose/index.js';
import { fileNameTitle } from '../../pipeline/compose/file-title.js';
import type { Source } from '../../pipeline/types.js';

const sourceOf = (name: string, text: string): Source => ({ path: `sources/${name}`, name: `sources/${name}`, slug: name.replace(/\.md$/, ''), hash: 'x', text });

describe('a source with no title (a page excerpt)', () => {
  const excerpt = sourceOf('pump-station_flow-results-page.md', 'of the pumps. The second stage raised the flow to 3 l/s, as the table shows.\n\n| Stage | Flow |\n| --- | --- |\n| 1 | 2 |\n');
  const analysis = analyseSource(excerpt);

  it('keeps metadata.title null and is titled from its file name, never from its body', () => {
    expect(analysis.metadata.title).toBeNull();
    expect(displayTitle(analysis)).toBe('Pump station flow results page');
  });

  it('says so in one warning', () => {
    const warnings = analysis.diagnostics.filter((diagnostic) => /no title/.test(diagnostic.message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', file: 'sources/pump-station_flow-results-page.md' });
    expect(warnings[0]!.message).toContain('"Pump station flow results page"');
    expect(warnings[0]!.message).not.toContain('\n');
  });

  it('a titled source gets no such warning and keeps its title', () => {
    const titled = analyseSource(sourceOf('study.md', '# A Made-Up Study of Invented Things\n\nOla Nordmann, Kari Holm\n\nSome text here.\n'));
    expect(displayTitle(titled)).toBe('A Made-Up Study of Invented Things');
    expect(titled.diagnostics.some((diagnostic) => /no title/.test(diagnostic.message))).toBe(false);
  });

  it('the file-name title drops the extension and separators', () => {
    expect(fileNameTitle('sources/annual_report-2023.EN.md')).toBe('Annual report 2023 EN');
    expect(fileNameTitle('page.mmd')).toBe('Page');
  });

  it('the cleaned appendix invents no heading for a title inside a longer paragraph', () => {
    const glued = analyseSource(sourceOf('glued.md', 'Policy in Practice\npartners refused to be drawn into the campaign.\nFIELD NOTES\nCorporate giving and the sugar industry:\nhelp or harm?\nQ Varga\nCorporate giving emerged from a wish among firms.\n'));
    expect(glued.metadata.title).toBe('Corporate giving and the sugar industry: help or harm?');
    expect(glued.cleaned!.markdown).not.toMatch(/^#/m);
  });
});
