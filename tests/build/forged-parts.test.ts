/**
 * A source that writes part markers (the old fixed ones and guessed variants) between two victims, built for real:
 * no other part's pages change, in the briefing or in the briefs alone, and nothing of the attack outlives the
 * attacking file (no page range is cached under a victim's HTML, and a cached range is used only where the printed
 * batch's own markers put it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { build } from '../../pipeline/build.js';
import { KeptHelpers } from '../../pipeline/kept-helpers.js';
import { allText, pdfInfo } from '../helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '../..');

const victim = (name: string) => `# Victim ${name}\n\n${Array.from({ length: 6 }, (_, index) => `Victim ${name} paragraph ${index + 1} says only this.`).join('\n\n')}\n`;

/** Markers of part `n` an attacker could write: the old one, a guessed nonce, case, a trailing dot, a port, paths. */
const forgeries = (n: number) => [
  `https://mdbrief.invalid/part/${n}`,
  `https://mdbrief.invalid/part/00000000000000000000000000000000/${n}`,
  `https://MDBRIEF.INVALID/part/${n}`,
  `https://mdbrief.invalid./part/${n}`,
  `https://mdbrief.invalid:443/part/${n}`,
  `https://mdbrief%2Einvalid/part/${n}`,
  `/part/${n}`,
  `part/${n}`,
];
const paragraphs = (name: string, count: number) => Array.from({ length: count }, (_, index) => `Attacker ${name} ${index + 1}: ${'ATTACK '.repeat(30)}\n`);
/**
 * The victim C's parts print in the attacker's batch, as parts 2 and 3 (its brief and appendix are 0 and 1): markers
 * for 2 and then, a page later, for 3 would have made one of the attacker's pages C's brief.
 */
const attacker = [
  '# Attacker',
  '',
  // A page of its own first, then another between the forged markers: a marker on a page where a part starts
  // already would have failed the batch and printed its parts one by one.
  ...paragraphs('head', 30),
  // Worded apart: two lines alike but for a number would be taken for a running header and cleaned away.
  `Where C's brief should begin: ${forgeries(2).map((href, index) => `[forged ${index}](${href})`).join(' ')}`,
  '',
  ...paragraphs('middle', 30),
  `And its appendix, a page later: ${forgeries(3).map((href, index) => `[forged ${index}](${href})`).join(' ')}`,
  '',
  `<p><a href="https://mdbrief.invalid/part/3">raw forged</a> <a href="https://mdbrief.invalid/goto/appendix-c-victim">raw jump</a></p>`,
  '',
  ...paragraphs('tail', 4),
].join('\n');

it('lets no source forge where another part\'s pages begin, and leaves nothing of it after its deletion', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-forged-'));
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  writeFileSync(path.join(sources, 'a-victim.md'), victim('A'));
  writeFileSync(path.join(sources, 'b-attacker.md'), attacker);
  writeFileSync(path.join(sources, 'c-victim.md'), victim('C'));
  // One worker and one Chromium for the three builds, as watch mode keeps them.
  const helpers = new KeptHelpers();
  onTestFinished(() => helpers.close());
  const run = (out: string) =>
    build({ sources, out, templates: path.join(root, 'templates'), title: 'Forged', jobs: 1, date: new Date(0), reporter: { progress: () => {}, detail: () => {} }, helpers });
  const out = path.join(work, 'out');
  const first = await run(out);
  expect(first.failed).toEqual([]);
  const refused = first.diagnostics.filter((diagnostic) => /link to mdbrief's own address .* refused/.test(diagnostic.message));
  expect(refused).toHaveLength(2 * forgeries(0).length + 2);
  expect(new Set(refused.map((diagnostic) => path.basename(diagnostic.file)))).toEqual(new Set(['b-attacker.md']));
  const victimC = () => allText(path.join(out, 'briefs', 'c-victim.pdf'));
  expect(victimC()).not.toContain('ATTACK');
  expect(victimC()).toContain('Victim C paragraph 6 says only this.');
  expect(allText(path.join(out, 'briefs', 'a-victim.pdf'))).not.toContain('ATTACK');

  // A cached range is taken only where the batch's own markers put it: every entry stretched back to its batch's
  // first page (with its digest made to match) is printed again, not believed.
  const parts = path.join(out, '.cache', 'parts');
  for (const name of readdirSync(parts)) {
    const entry = JSON.parse(readFileSync(path.join(parts, name), 'utf8')) as { digest: string; value: { first: number; count: number } };
    entry.value = { ...entry.value, first: 0, count: entry.value.first + entry.value.count };
    entry.digest = createHash('sha256').update(JSON.stringify(entry.value)).digest('hex');
    writeFileSync(path.join(parts, name), JSON.stringify(entry));
  }

  // The attacker gone: the victims' pages are exactly those of a build that never saw it.
  rmSync(path.join(sources, 'b-attacker.md'));
  const second = await run(out);
  expect(second.failed).toEqual([]);
  const clean = path.join(work, 'clean');
  await run(clean);
  for (const file of ['briefing.pdf', 'briefs/a-victim.pdf', 'briefs/c-victim.pdf']) {
    expect(allText(path.join(out, file)), file).toBe(allText(path.join(clean, file)));
    expect(pdfInfo(path.join(out, file))['Pages'], file).toBe(pdfInfo(path.join(clean, file))['Pages']);
  }
}, 120_000);
