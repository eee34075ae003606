/**
 * The Chromium that pipeline/render/pdf.ts starts, seen from its processes: each pooled page prints in a renderer
 * of its own, and no WebUI renderer runs beside them (Chromium 156 preloads its omnibox popup with every window,
 * headless too, for about 1 s of CPU, more than a brief takes to print).
 */
import { describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../pipeline/render/pdf.js';
import { descendants } from '../helpers/processes.js';

describe('Chromium processes', () => {
  it('prints each pooled page in a renderer of its own and starts no WebUI renderer', async () => {
    const renderer = await PdfRenderer.launch({ jobs: 2, timeout: 10_000 });
    try {
      const page = (text: string) => `<!doctype html><html><head><title>${text}</title></head><body><p>${text}</p></body></html>`;
      await Promise.all([renderer.render(page('one'), 'one'), renderer.render(page('two'), 'two')]);
      const renderers = descendants()
        .map(({ commandLine }) => commandLine)
        .filter((line) => line.includes('--type=renderer'));
      expect(renderers.filter((line) => line.includes('--top-chrome-webui'))).toEqual([]);
      expect(renderers).toHaveLength(2);
    } finally {
      await renderer.close();
    }
  });
});
