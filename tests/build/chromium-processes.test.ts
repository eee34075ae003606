/**
 * The Chromium that pipeline/render/pdf.ts starts, seen from its processes: each pooled page prints in a renderer
 * of its own, and no WebUI renderer runs beside them (Chromium 156 preloads its omnibox popup with every window,
 * headless too, for about 1 s of CPU, more than a brief takes to print).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../pipeline/render/pdf.js';

/** Command lines of every live process descended from this one (Chromium rewrites its own as one string). */
function descendantCommandLines(): string[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const lines: string[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      try {
        lines.push(readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' '));
      } catch {
        continue;
      }
      visit(child);
    }
  };
  visit(process.pid);
  return lines;
}

describe('Chromium processes', () => {
  it('prints each pooled page in a renderer of its own and starts no WebUI renderer', async () => {
    const renderer = await PdfRenderer.launch({ jobs: 2, timeout: 10_000 });
    try {
      const page = (text: string) => `<!doctype html><html><head><title>${text}</title></head><body><p>${text}</p></body></html>`;
      await Promise.all([renderer.render(page('one'), 'one'), renderer.render(page('two'), 'two')]);
      const renderers = descendantCommandLines().filter((line) => line.includes('--type=renderer'));
      expect(renderers.filter((line) => line.includes('--top-chrome-webui'))).toEqual([]);
      expect(renderers).toHaveLength(2);
    } finally {
      await renderer.close();
    }
  });
});
