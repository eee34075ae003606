/**
 * npm run bench [-- --sources N --runs R]: measures mdbrief as users run it (`node bin/mdbrief.js build`), in one run:
 * cold build, nothing changed, one source changed, the seeds (sources/) cold, and the floor of one fresh
 * `chromium --print-to-pdf` of a tiny page.
 * The corpus is N varied copies of the seeds with distinct titles. Prints the median of R runs, seconds per source,
 * the ratios, and the peak memory of the whole process tree (Node and Chromium) during one more cold build: proportional
 * set size (each shared page divided among the processes that map it) and the sum of resident sizes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeCorpus } from './corpus.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { sources: { type: 'string', default: '100' }, runs: { type: 'string', default: '3' } },
});
const count = Number(values.sources);
const runs = Number(values.runs);

interface Timed {
  seconds: number;
  /** Peak of the tree's proportional set size: shared pages (Chromium's binary, its zygote's) counted once. */
  peakMiB: number;
  /** Peak of the sum of each process's resident size: shared pages counted once per process that maps them. */
  peakRssSumMiB: number;
}

/**
 * Runs a command and times it; with `sampleMemory`, samples the memory of its whole process tree every 100 ms. Reading
 * smaps makes the kernel walk every process's page tables (seconds of CPU over a cold build on two cores), so the
 * timed runs do not sample: memory has a run of its own.
 */
async function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, sampleMemory = false): Promise<Timed> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peak = 0;
  let peakRssSum = 0;
  const sampler = sampleMemory
    ? setInterval(() => {
        if (child.pid === undefined) return;
        const memory = treeMemoryKiB(child.pid);
        peak = Math.max(peak, memory.pss);
        peakRssSum = Math.max(peakRssSum, memory.rss);
      }, 100)
    : undefined;
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}`);
  return { seconds: (performance.now() - started) / 1000, peakMiB: peak / 1024, peakRssSumMiB: peakRssSum / 1024 };
}

/** Pss (from smaps_rollup) and VmRSS summed over a process and all its descendants, from /proc. */
function treeMemoryKiB(pid: number): { pss: number; rss: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let pss = 0;
  let rss = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    try {
      pss += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${current}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      rss += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${current}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
    stack.push(...(children.get(current) ?? []));
  }
  return { pss, rss };
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'mdbrief-bench-'));
  const sources = path.join(work, 'sources');
  const files = makeCorpus(sources, count);
  const mdbrief = (out: string) => ['bin/mdbrief.js', 'build', '--sources', sources, '--out', out, '--quiet'];
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1764000000' };
  const cold: Timed[] = [];
  const unchanged: Timed[] = [];
  const oneChanged: Timed[] = [];
  for (let run = 0; run < runs; run++) {
    const out = path.join(work, `out-${run}`);
    cold.push(await timed(process.execPath, mdbrief(out), env));
    unchanged.push(await timed(process.execPath, mdbrief(out), env));
    const file = files[run % files.length]!;
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n\nEdited in run ${run}.\n`);
    oneChanged.push(await timed(process.execPath, mdbrief(out), env));
    rmSync(out, { recursive: true, force: true });
  }
  // The seeds themselves from nothing, as a first `make report` builds them (sources/).
  const seeds: Timed[] = [];
  for (let run = 0; run < runs; run++) {
    seeds.push(await timed(process.execPath, ['bin/mdbrief.js', 'build', '--sources', path.join(root, 'sources'), '--out', path.join(work, `seeds-${run}`), '--quiet'], env));
  }
  // One more cold build, sampled for memory only.
  const memory = await timed(process.execPath, mdbrief(path.join(work, 'out-memory')), env, true);
  const floor: Timed[] = [];
  const tiny = path.join(work, 'tiny.html');
  writeFileSync(tiny, '<!doctype html><p>Hello</p>');
  for (let run = 0; run < runs; run++) {
    const pdf = path.join(work, `tiny-${run}.pdf`);
    floor.push(
      await timed('/usr/bin/chromium', [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        `--user-data-dir=${path.join(work, `profile-${run}`)}`,
        `--print-to-pdf=${pdf}`,
        `file://${tiny}`,
      ]),
    );
  }
  const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const pages = spawnSync('pdfinfo', [path.join(work, 'tiny-0.pdf')], { encoding: 'utf8' }).status === 0 ? 'ok' : 'failed';
  const floorSeconds = median(floor.map((t) => t.seconds));
  const rows: Array<[string, number, string]> = [
    ['cold build', median(cold.map((t) => t.seconds)), `${(median(cold.map((t) => t.seconds)) / count).toFixed(3)} s/source`],
    ['nothing changed', median(unchanged.map((t) => t.seconds)), ''],
    ['one source changed', median(oneChanged.map((t) => t.seconds)), ''],
    ['the seeds cold (sources/, as make report builds them)', median(seeds.map((t) => t.seconds)), `${readdirSync(path.join(root, 'sources')).filter((name) => name.endsWith('.md')).length} sources`],
    ['floor: one fresh chromium --print-to-pdf', floorSeconds, `tiny page (${pages})`],
  ];
  console.log(`mdbrief bench: ${count} sources, median of ${runs} runs, ${chromium}, ${statSync(files[0]!).size} bytes per source`);
  console.log('| measure | seconds | × floor | note |');
  console.log('| --- | ---: | ---: | --- |');
  for (const [name, seconds, note] of rows) {
    console.log(`| ${name} | ${seconds.toFixed(2)} | ${(seconds / floorSeconds).toFixed(2)} | ${note} |`);
  }
  console.log(`| a fresh browser per source (estimate: ${count} × floor) | ${(count * floorSeconds).toFixed(1)} | ${count.toFixed(2)} | |`);
  console.log(
    `peak memory of a cold build (Node + Chromium; a run of its own, ${memory.seconds.toFixed(1)} s while sampled): ${memory.peakMiB.toFixed(0)} MiB proportional (Pss), ` +
      `${memory.peakRssSumMiB.toFixed(0)} MiB as a sum of resident sizes (shared pages counted per process)`,
  );
  rmSync(work, { recursive: true, force: true });
}

await main();
