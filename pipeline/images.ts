/**
 * images: an image path from a source → its bytes as a `data:` URL, read only from inside the sources folder (no
 * symlink out), only PNG, JPEG, GIF or WebP by their first bytes, at most 10 MB and 40 megapixels. Light on purpose: the nothing-changed
 * check uses it. An image that fails a check prints as its alternative text, with a warning.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { imageDimensions } from './image-size.js';
import { hardLinkProblem, isInside } from './read.js';

/** How a source's HTML points at an image inside sources/ (render/markdown-html.ts makes them, embed-images.ts fills them). */
export const imageScheme = 'mdbrief-image';

export type ResolvedImage = { sha: string; dataUrl: string } | { problem: string };

export const maxImageBytes = 10 * 1024 * 1024;

/** Pixels an image may declare (about 6300 × 6300): decoded, it takes 4 bytes a pixel in Chromium, 160 MB at this bound. */
export const maxImagePixels = 40_000_000;

/** Media types by their magic numbers: what the file is, whatever its name says. SVG is refused (it can script). */
function mediaType(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 12));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.toString('latin1', 0, 4) === 'GIF8') return 'image/gif';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Reads one image, `relative` to the sources folder `root` (a real path). */
export async function resolveImage(root: string, relative: string): Promise<ResolvedImage> {
  let file: string;
  try {
    file = await realpath(path.join(root, relative));
  } catch {
    return { problem: 'not found in the sources folder' };
  }
  if (!isInside(file, root)) return { problem: 'leads outside the sources folder (refused)' };
  try {
    const info = await stat(file);
    if (!info.isFile()) return { problem: 'is not a regular file' };
    if (info.nlink > 1) return { problem: hardLinkProblem };
    if (info.size > maxImageBytes) return { problem: `is larger than ${maxImageBytes / 1024 / 1024} MB` };
    const bytes = await readFile(file);
    const type = mediaType(bytes);
    if (!type) return { problem: 'is not a PNG, JPEG, GIF or WebP image' };
    const size = imageDimensions(bytes, type);
    if (!size) return { problem: 'has no size that can be read in its header' };
    if (size.width * size.height > maxImagePixels) return { problem: `is ${size.width}×${size.height} pixels, more than the ${maxImagePixels / 1_000_000}-megapixel bound` };
    return { sha: createHash('sha256').update(bytes).digest('hex'), dataUrl: `data:${type};base64,${bytes.toString('base64')}` };
  } catch (error) {
    return { problem: `cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
