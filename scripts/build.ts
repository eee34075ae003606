/**
 * build: pipeline/ → dist/, the JavaScript the `mdbrief` command runs: two bundles (the CLI and the analysis worker)
 * with their dependencies, split into chunks that load on demand as the TypeScript modules did.
 *
 * Why bundle: Node 20 resolves, reads and compiles each of the ~1,100 modules of the unified, puppeteer and pdf-lib
 * trees one by one (and scans every CommonJS one for its exports); a cold two-source build spent about 1.3 s of CPU
 * on that. Types are checked by `tsc --noEmit` (make test), not here.
 */
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { codeDigest } from './code-digest.js';

const outdir = 'dist';

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['pipeline/cli.ts', 'pipeline/analyse-worker.ts'],
  outdir,
  bundle: true,
  // Chunks sit beside the entries: the pool finds the worker as `./analyse-worker.js` beside its own chunk.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // canvas is a native addon; chartjs-node-canvas gives each renderer a fresh Chart.js through require's cache.
  external: ['canvas', 'chartjs-node-canvas', 'chart.js'],
  // Bundled CommonJS packages call require() for Node's own modules, which ES modules lack.
  banner: { js: "import { createRequire as __mdbriefRequire } from 'node:module'; const require = __mdbriefRequire(import.meta.url);" },
  // The code's own digest, for the cache's keys (pipeline/version.ts).
  define: { __MDBRIEF_CODE__: JSON.stringify(codeDigest('.')) },
  legalComments: 'none',
  logLevel: 'warning',
});
