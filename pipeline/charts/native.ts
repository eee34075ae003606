/**
 * native: node-canvas (3.2, with cairo and pango) takes the whole process down (SIGSEGV) when a worker thread that
 * drew with it exits or is terminated, unless the main thread has loaded the addon too. Charts are drawn in the
 * analysis workers, so the main thread calls this once before it starts them. Cheap: it only loads the library.
 */
import { createRequire } from 'node:module';

let held = false;

export function holdCanvasInMainThread(): void {
  if (held) return;
  createRequire(import.meta.url)('canvas');
  held = true;
}
