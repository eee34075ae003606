/**
 * Reads the template folder: `layout.hbs`, `partials/*.hbs` and every `*.css` (print.css first, then by name).
 * Returns the files' contents, so the build can hash them for its cache and compile them once.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TemplateFiles } from './templates.js';

export async function readTemplateFiles(dir: string): Promise<TemplateFiles> {
  const layout = await readFile(path.join(dir, 'layout.hbs'), 'utf8');
  const partials: Record<string, string> = {};
  for (const name of (await readdir(path.join(dir, 'partials'))).filter((file) => file.endsWith('.hbs')).sort()) {
    partials[name.replace(/\.hbs$/, '')] = await readFile(path.join(dir, 'partials', name), 'utf8');
  }
  const cssFiles = (await readdir(dir))
    .filter((file) => file.endsWith('.css'))
    .sort((a, b) => (a === 'print.css' ? -1 : b === 'print.css' ? 1 : a < b ? -1 : 1));
  const css = (await Promise.all(cssFiles.map((file) => readFile(path.join(dir, file), 'utf8')))).join('\n');
  return { layout, partials, css };
}
