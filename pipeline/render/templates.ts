/**
 * templates: view model → HTML document, with Handlebars. `layout.hbs` wraps each part; `partials/<kind>.hbs` prints
 * it; the CSS files are inlined so a part needs no request to render. Loading the files is the build's job.
 */
import Handlebars from 'handlebars';

export interface TemplateFiles {
  layout: string;
  /** Partials by name (`cover`, `contents`, `brief`, `appendix`). */
  partials: Record<string, string>;
  /** All CSS, concatenated. */
  css: string;
}

export interface PartView {
  kind: string;
  [field: string]: unknown;
}

export type PartRenderer = (view: PartView, documentTitle: string) => string;

export function compileTemplates(files: TemplateFiles): PartRenderer {
  // An isolated environment: helpers or partials registered elsewhere never leak in.
  const handlebars = Handlebars.create();
  for (const [name, source] of Object.entries(files.partials)) handlebars.registerPartial(name, source);
  const layout = handlebars.compile(files.layout, { strict: false, noEscape: false });
  return (view, documentTitle) => layout({ ...view, css: files.css, documentTitle, lang: 'en' });
}
