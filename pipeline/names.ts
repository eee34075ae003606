/**
 * names: names of output files kept within what file systems allow (255 bytes a name), whatever a source is called or
 * a table is labelled.
 */
import { createHash } from 'node:crypto';

/** The longest name part (slug, table or chart id) an output file gets, in UTF-8 bytes: file systems allow 255. */
export const maxNameBytes = 100;

/**
 * `name` cut to `max` UTF-8 bytes at a character boundary, with a digest of the whole name so two long names that
 * begin alike stay apart; a name that fits is unchanged. A 228-byte file name made a temporary name over 255 bytes.
 */
export function boundedName(name: string, max: number = maxNameBytes): string {
  if (Buffer.byteLength(name) <= max) return name;
  let kept = '';
  let bytes = 0;
  for (const char of name) {
    const size = Buffer.byteLength(char);
    if (bytes + size > max - 9) break;
    kept += char;
    bytes += size;
  }
  return `${kept}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}
