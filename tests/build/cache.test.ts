/**
 * Rebuilding only what changed: which parts are re-printed after each kind of change, page numbers after partial
 * rebuilds, outputs of deleted sources, corrupt cache entries, and byte-identical reproducible builds.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../pipeline/build.js';
import { pageLinks, pageText } from '../helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '../..');
const date = new Date('2026-01-02T03:04:05Z');

interface Workspace {
  sources: string;
  templates: string;
  out: string;
  run: () => Promise<BuildResult & { printedParts: string[] }>;
}

function workspace(): Workspace {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-cache-'));
  const sources = path.join(work, 'sources');
  const templates = path.join(work, 'templates');
  mkdirSync(sources);
  cpSync(path.join(root, 'templates'), templates, { recursive: true });
  cpSync(path.join(root, 'sources', 'anti-drug-cooperation.md'), path.join(sources, 'anti-drug-cooperation.md'));
  cpSync(path.join(root, 'sources', 'human-trafficking-cooperation.md'), path.join(sources, 'human-trafficking-cooperation.md'));
  const space: Workspace = {
    sources,
    templates,
    out: path.join(work, 'out'),
    run: async () => {
      const printedParts: string[] = [];
      const result = await build({
        sources,
        out: space.out,
        templates,
        title: 'Cache test',
        jobs: 2,
        date,
        fixedDate: true,
        reporter: { progress: () => {}, detail: (line) => printedParts.push(line.replace(/^printed /, '')) },
      });
      return { ...result, printedParts: printedParts.sort() };
    },
  };
  return space;
}

/** Every contents entry's printed number is the page where that part starts (running header `Brief 1: …`). */
function checkContents(pdf: string): number[] {
  const printed = pageText(pdf, 2, true)
    .split('\n')
    .filter((line) => !/page \d+ of \d+/.test(line))
    .map((line) => /\S\s+(\d+)\s*$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]));
  const heads = ['Brief 1:', 'Brief 2:', 'Appendix A:', 'Appendix B:'];
  printed.forEach((page, index) => {
    expect(pageText(pdf, page)).toContain(heads[index]);
    expect(pageText(pdf, page - 1)).not.toContain(heads[index]);
  });
  return printed;
}

describe('rebuilding only what changed', () => {
  it('prints everything once, then nothing, then only what a change touches', async () => {
    const space = workspace();
    const cold = await space.run();
    expect(cold.printedParts).toEqual([
      'appendix-anti-drug-cooperation',
      'appendix-human-trafficking-cooperation',
      'brief-anti-drug-cooperation',
      'brief-human-trafficking-cooperation',
      'contents',
      'cover',
    ]);
    expect(cold.built).toHaveLength(2);

    const again = await space.run();
    expect(again.upToDate).toBe(true);
    expect(again.printedParts).toEqual([]);

    // One source's body changes: its appendix only (the brief shows metadata, which did not change).
    const file = path.join(space.sources, 'human-trafficking-cooperation.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA closing remark added by the analyst.\n`);
    const edited = await space.run();
    expect(edited.built).toEqual([file]);
    expect(edited.cached).toEqual([path.join(space.sources, 'anti-drug-cooperation.md')]);
    expect(edited.printedParts).toEqual(['appendix-human-trafficking-cooperation']);

    // An output file deleted by hand: written again from the cached analysis, nothing analysed or printed.
    const tables = path.join(space.out, 'tables', 'anti-drug-cooperation.json');
    const before = readFileSync(tables, 'utf8');
    rmSync(tables);
    const restored = await space.run();
    expect(restored.built).toEqual([]);
    expect(restored.printedParts).toEqual([]);
    expect(readFileSync(tables, 'utf8')).toBe(before);

    // A template used by briefs only: both briefs, nothing else.
    const brief = path.join(space.templates, 'partials', 'brief.hbs');
    writeFileSync(brief, readFileSync(brief, 'utf8').replace('<dt>Source file</dt>', '<dt>Source</dt>'));
    const retemplated = await space.run();
    expect(retemplated.built).toEqual([]);
    expect(retemplated.printedParts).toEqual(['brief-anti-drug-cooperation', 'brief-human-trafficking-cooperation']);
  });

  it('keeps every contents page number right when a brief grows by pages', async () => {
    const space = workspace();
    await space.run();
    const before = checkContents(path.join(space.out, 'briefing.pdf'));
    const file = path.join(space.sources, 'anti-drug-cooperation.md');
    const text = readFileSync(file, 'utf8');
    const longer = text.replace('Keywords:', `${'The abstract goes on at length. '.repeat(400)}\n\nKeywords:`);
    writeFileSync(file, longer);
    const rebuilt = await space.run();
    expect(rebuilt.printedParts).toContain('brief-anti-drug-cooperation');
    expect(rebuilt.printedParts).not.toContain('brief-human-trafficking-cooperation');
    const after = checkContents(path.join(space.out, 'briefing.pdf'));
    expect(after[0]).toBe(before[0]);
    expect(after[1]! - before[1]!).toBeGreaterThanOrEqual(2);
    expect((await pageLinks(path.join(space.out, 'briefing.pdf'), 2)).map((link) => link.page)).toEqual(after);
  });

  it('removes the outputs of a deleted source and ignores a corrupt cache entry', async () => {
    const space = workspace();
    await space.run();
    expect(readdirSync(path.join(space.out, 'metadata')).sort()).toEqual([
      'anti-drug-cooperation.json',
      'human-trafficking-cooperation.json',
    ]);
    rmSync(path.join(space.sources, 'anti-drug-cooperation.md'));
    // Corrupt every printed batch: a truncated PDF must be noticed and its parts printed again, not assembled.
    const batches = path.join(space.out, '.cache', 'batches');
    const printed = readdirSync(batches).filter((entry) => entry.endsWith('.bin'));
    expect(printed.length).toBeGreaterThan(0);
    for (const name of printed) writeFileSync(path.join(batches, name), readFileSync(path.join(batches, name)).subarray(0, 100));
    const rebuilt = await space.run();
    expect(readdirSync(path.join(space.out, 'metadata'))).toEqual(['human-trafficking-cooperation.json']);
    expect(rebuilt.printedParts).toEqual(['appendix-human-trafficking-cooperation', 'brief-human-trafficking-cooperation', 'contents', 'cover']);
    expect(rebuilt.failed).toEqual([]);
  });
});

describe('reproducible builds', () => {
  it('gives byte-identical files wherever the output folder is, with no local path in them', async () => {
    const first = workspace();
    const second = workspace();
    await first.run();
    // The second output folder is nested deeper and its cache is built from scratch.
    second.out = path.join(second.out, 'nested', 'deeper');
    await second.run();
    const files = (dir: string) =>
      (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
        .filter((entry) => entry.isFile() && !path.relative(dir, entry.parentPath).startsWith('.cache'))
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .sort();
    expect(files(second.out)).toEqual(files(first.out));
    expect(files(first.out)).toContain('briefing.pdf');
    for (const file of files(first.out)) {
      const a = readFileSync(path.join(first.out, file));
      expect(a.equals(readFileSync(path.join(second.out, file))), file).toBe(true);
      expect(a.includes(tmpdir()), `${file} names a local path`).toBe(false);
    }
  });
});
