/**
 * kept-helpers: the analysis workers and the Chromium that `mdbrief watch` keeps from one build to the next. Each
 * build would otherwise start both again: Chromium's start and a worker's start take CPU the rebuild needs, and a
 * fresh worker analyses up to three times slower than one that has analysed before (its code is not yet optimised).
 * Made on first use, with the first build's settings; closed when the watch ends. A Chromium that fails to start is
 * started again by the next build that asks; one that crashes is replaced by the renderer itself.
 */
import type { AnalysisPool } from './analyse-pool.js';
import type { PdfOptions, PdfRenderer } from './render/pdf.js';

export class KeptHelpers {
  private made: { pool?: Promise<AnalysisPool>; renderer?: Promise<PdfRenderer> } = {};
  private closed = false;

  /** The workers, `size` of them (the first caller's size holds). */
  pool(size: number): Promise<AnalysisPool> {
    if (this.closed) return Promise.reject(new Error('the build was stopped'));
    return (this.made.pool ??= import('./analyse-pool.js').then(({ AnalysisPool, analysisDefaults }) => new AnalysisPool({ ...analysisDefaults, size })));
  }

  /** Chromium, launched with the first caller's options. */
  renderer(options: PdfOptions): Promise<PdfRenderer> {
    if (this.closed) return Promise.reject(new Error('the build was stopped'));
    const launching = (this.made.renderer ??= import('./render/pdf.js').then(({ PdfRenderer }) => PdfRenderer.launch(options)));
    launching.catch(() => {
      if (this.made.renderer === launching) delete this.made.renderer;
    });
    return launching;
  }

  /** Stops the workers and closes Chromium; further builds with these helpers fail. */
  async close(): Promise<void> {
    this.closed = true;
    const { pool, renderer } = this.made;
    this.made = {};
    await Promise.all([pool?.then((started) => started.close(), () => undefined), renderer?.then((started) => started.close(), () => undefined)]);
  }
}
