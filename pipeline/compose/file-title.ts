/**
 * File-name title: what a source with no title of its own (a page excerpt) is called wherever a title shows. Made from
 * its file name, never from a sentence of its body.
 */

/** `loc-foreign_land.ownership-page-EN.md` → `Loc foreign land ownership page EN`. */
export function fileNameTitle(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  const stem = name.replace(/\.(?:md|markdown|mmd|txt)$/i, '');
  const words = stem.replace(/[-_.]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (words === '') return name;
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}
