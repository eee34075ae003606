/**
 * Bad input, all in one folder with both seeds, built by the real command: each problem is one line on stderr naming
 * the file (and line where there is one), the seeds and every readable source are in the PDF, the exit status is 1,
 * and no Chromium is left running.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allText } from '../helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '../..');
let status: number | null;
let stderr: string;
let text: string;
let work: string;

/** Writes the bad inputs; returns nothing, the folder is `work/sources`. */
function writeBadInputs(sources: string): void {
  copyFileSync(path.join(root, 'sources', 'anti-drug-cooperation.md'), path.join(sources, 'anti-drug-cooperation.md'));
  copyFileSync(path.join(root, 'sources', 'human-trafficking-cooperation.md'), path.join(sources, 'human-trafficking-cooperation.md'));
  writeFileSync(path.join(sources, 'empty.md'), '');
  writeFileSync(path.join(sources, 'blank.md'), '  \n\t\n   \n');
  writeFileSync(path.join(sources, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(path.join(sources, 'latin1.md'), Buffer.concat([Buffer.from('# Invalid UTF-8\n\nFirst line.\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait.\n')]));
  writeFileSync(path.join(sources, 'bom.md'), `\ufeff# With a byte-order mark\n\nText after the BOM.\n`);
  writeFileSync(path.join(sources, 'utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Written in UTF-16\n\nPhnom Penh and Takéo.\n', 'utf16le')]));
  writeFileSync(path.join(sources, 'crlf.md'), '# Windows line ends\r\n\r\nA paragraph\r\nwith CRLF.\r\n');
  writeFileSync(path.join(sources, 'cr.md'), '# Old Mac line ends\r\rA paragraph\rwith lone CR.\r');
  const row = 'Paragraph of a very large report, written again and again to reach twenty megabytes. '.repeat(12);
  writeFileSync(path.join(sources, 'huge.md'), `# Twenty megabytes\n\n${`${row}\n\n`.repeat(Math.ceil(20e6 / (row.length + 2)))}`);
  const rows = Array.from({ length: 50_000 }, (_, index) => `${2000 + (index % 25)}\t${index}\t${index * 3}`).join('\n');
  writeFileSync(path.join(sources, 'long-table.md'), `# Fifty thousand rows\n\nTable 1. Many rows\n\nYear\tCases\tObjects\n${rows}\n`);
  const cells = Array.from({ length: 2000 }, (_, index) => `c${index}`);
  writeFileSync(path.join(sources, 'wide-row.md'), `# A wide row\n\n| ${cells.join(' | ')} |\n|${' --- |'.repeat(2000)}\n| ${cells.map((_, index) => index).join(' | ')} |\n`);
  writeFileSync(path.join(sources, 'nested.md'), `# Deep quotes\n\n${'> '.repeat(10_000)}deep\n\n${'- '.repeat(10_000)}item\n`);
  writeFileSync(path.join(sources, 'one-line.md'), `# One line\n\n${'word '.repeat(1_000_000)}`);
  writeFileSync(path.join(sources, 'name with spaces.md'), '# Spaces in the name\n\nText.\n');
  writeFileSync(path.join(sources, 'Báo cáo Takéo.md'), '# Tên tệp Unicode\n\nVăn bản.\n');
  writeFileSync(path.join(sources, '--leading-dashes.md'), '# Leading dashes\n\nText.\n');
  writeFileSync(path.join(work, 'outside.md'), '# Secret outside the folder\n');
  symlinkSync(path.join(work, 'outside.md'), path.join(sources, 'link-out.md'));
  mkdirSync(path.join(sources, 'folder.md'));
  // A named pipe: reading it would block for ever; it must be refused, not read.
  spawnSync('mkfifo', [path.join(sources, 'pipe.md')]);
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'mdbrief-bad-'));
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  writeBadInputs(sources);
  const run = spawnSync(process.execPath, [path.join(root, 'bin', 'mdbrief.js'), 'build', '--sources', 'sources', '--out', 'out', '--quiet'], {
    cwd: work,
    encoding: 'utf8',
    timeout: 500_000,
  });
  status = run.status;
  stderr = run.stderr;
  text = allText(path.join(work, 'out', 'briefing.pdf')).replace(/\s+/g, ' ');
}, 600_000);

describe('a folder of bad inputs with both seeds', () => {
  it('exits 1 and names each refused file on one line', () => {
    expect(status).toBe(1);
    const errors = stderr.split('\n').filter((line) => line.includes(': error: '));
    expect(errors.sort()).toEqual([
      'sources/binary.md: error: is binary data, not text: skipped',
      'sources/blank.md: error: has no text, only white space: nothing to brief',
      'sources/empty.md: error: is empty: nothing to brief',
      'sources/folder.md: error: is a directory, not a Markdown file',
      'sources/link-out.md: error: symbolic link to a file outside the sources folder: refused',
      'sources/pipe.md: error: is not a regular file',
    ]);
  });

  it('warns with the line where the text was repaired', () => {
    const warnings = stderr.split('\n').filter((line) => line.includes(': warning: '));
    expect(warnings).toContain('sources/latin1.md:5: warning: invalid UTF-8: undecodable bytes replaced with U+FFFD');
    expect(warnings).toContain('sources/nested.md:3: warning: nesting deeper than 32 levels (quotes or lists) was flattened to 32 on 2 lines');
    expect(warnings).toContain('sources/one-line.md:3: warning: a line of 5,000,000 characters was split into paragraphs (later line numbers shift)');
    expect(warnings).toContain('sources/long-table.md:5: warning: Table 1 has 50,000 rows: the PDF shows part of it; all of it is in tables/long-table/table-1.csv');
    expect(warnings).toContain('sources/wide-row.md:3: warning: a table has 2,000 columns: the PDF shows part of it; all of it is in tables/wide-row/table-1.csv');
    for (const name of ['huge', 'one-line']) {
      expect(warnings).toContain(`sources/${name}.md: warning: very long source: the PDF appendix shows its beginning only; the whole cleaned text is in appendix/${name}.md`);
    }
    // Every line on stderr is a diagnostic naming a file.
    expect(stderr.trim().split('\n').every((line) => /^sources\/[^:]+(?::\d+)?: (?:error|warning): /.test(line))).toBe(true);
  });

  it('puts both seeds and every readable source in the PDF, nothing from outside the folder', () => {
    for (const title of [
      'Vietnam and Cambodia: Anti-Drug Cooperation in the Border Areas',
      'Cooperation Against Human Trafficking: Case Study of Cambodia-Vietnam Border Point',
      'Invalid UTF-8',
      'au lait.',
      'With a byte-order mark',
      'Written in UTF-16',
      'Phnom Penh and Takéo.',
      'A paragraph with CRLF.',
      'A paragraph with lone CR.',
      'Twenty megabytes',
      'Fifty thousand rows',
      'A wide row',
      'Deep quotes',
      'Spaces in the name',
      'Tên tệp Unicode',
      'Leading dashes',
    ]) {
      expect(text, title).toContain(title);
    }
    expect(text).not.toContain('Secret outside the folder');
  });

  it('shows very large tables in part, naming where the whole table is', () => {
    expect(text).toContain('Showing the first 40 of 50,000 rows; the whole table is in tables/long-table/table-1.csv.');
    expect(text).toContain("The appendix shows the first 500 of this table's 50,000 rows; the whole table is in tables/");
    expect(text).toContain('Showing the first 12 of 2,000 columns; the whole table is in tables/wide-row/table-1.csv.');
    expect(text).toContain('The appendix shows the first 16 of its 2,000 columns;');
    expect(text).not.toContain('c16');
  });
});
