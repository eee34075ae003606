/**
 * Draws the first seed's chart in worker threads the way the analysis pool runs them (two at once, then terminated,
 * then one more), after the main thread holds node-canvas. Prints the chart hashes of each worker as JSON; without
 * the hold, the process dies with SIGSEGV when the first worker ends.
 */
import { Worker } from 'node:worker_threads';
import { holdCanvasInMainThread } from '../../pipeline/charts/native.js';

holdCanvasInMainThread();

const entry = new URL('./render-seeds.ts', import.meta.url).href;
const bootstrap = `import('tsx/esm/api')
  .then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })
  .then((module) => require('node:worker_threads').parentPort.postMessage(module.seedChartHashes(false, 'anti-drug-cooperation.md')));
setInterval(() => {}, 1000);`;

function drawInWorker(): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true });
    worker.once('error', reject);
    worker.once('message', (hashes: Record<string, string>) => {
      void worker.terminate().then(() => resolve(hashes));
    });
  });
}

const results = [...(await Promise.all([drawInWorker(), drawInWorker()])), await drawInWorker()];
process.stdout.write(JSON.stringify(results));
