/**
 * read: a sources folder → Source[] and diagnostics. The only stage that reads source files.
 * Decodes UTF-8 (BOM or not) and UTF-16 (with BOM), normalises line ends, refuses what is not a regular file inside
 * the folder (symlinks leading out, directories named `x.md`), and reports everything it skips by file name.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { boundedName } from './names.js';
import type { Diagnostic, Source } from './types.js';

export interface ReadResult {
  sources: Source[];
  diagnostics: Diagnostic[];
}

const markdownExtension = /\.(?:md|markdown)$/i;

/** Why a file with several names (hard links) is not read: the other name may be outside the folder. */
export const hardLinkProblem = 'has other names (hard links), perhaps outside the sources folder: refused';

/** Lists and decodes the Markdown files directly inside `dir`, sorted by name so output order is stable. */
export async function readSources(dir: string): Promise<ReadResult> {
  const diagnostics: Diagnostic[] = [];
  const sources: Source[] = [];
  let root: string;
  let entries: string[];
  try {
    root = await realpath(dir);
    entries = await readdir(dir);
  } catch (error) {
    throw new Error(`${dir}: cannot read the sources folder: ${describeError(error)}`);
  }
  const names = entries.filter((name) => markdownExtension.test(name)).sort(compareNames);
  const slugs = new Set<string>();
  // Read at once (a no-change build is mostly this wait), then taken in name order so slugs never depend on timing.
  const results = await Promise.all(names.map((name) => readSource(path.join(dir, name), root, `${path.basename(root)}/${name}`)));
  for (const result of results) {
    if ('message' in result) {
      diagnostics.push(result);
      continue;
    }
    diagnostics.push(...result.diagnostics);
    let slug = result.source.slug;
    // Two names can give one slug (`A b.md`, `a-b.md`): number the later one so outputs never overwrite each other.
    for (let n = 2; slugs.has(slug); n++) slug = `${result.source.slug}-${n}`;
    slugs.add(slug);
    sources.push({ ...result.source, slug });
  }
  return { sources, diagnostics };
}

/** Reads one file; `root` (a real path) is the folder it must stay inside. */
export async function readSource(
  file: string,
  root: string = path.dirname(path.resolve(file)),
  name: string = path.basename(file),
): Promise<{ source: Source; diagnostics: Diagnostic[] } | Diagnostic> {
  const fail = (message: string): Diagnostic => ({ severity: 'error', file, message });
  let info;
  try {
    info = await lstat(file);
  } catch (error) {
    return fail(`cannot read: ${describeError(error)}`);
  }
  if (info.isSymbolicLink()) {
    let target: string;
    try {
      target = await realpath(file);
    } catch {
      return fail('symbolic link to a file that does not exist');
    }
    if (!isInside(target, root)) return fail('symbolic link to a file outside the sources folder: refused');
    info = await stat(target);
  }
  if (info.isDirectory()) return fail('is a directory, not a Markdown file');
  if (!info.isFile()) return fail('is not a regular file');
  // A hard link is the file itself wherever its other names are: one to a file outside the folder would be read as
  // a symbolic link out of it is not.
  if (info.nlink > 1) return fail(hardLinkProblem);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return fail(`cannot read: ${describeError(error)}`);
  }
  if (bytes.length === 0) return fail('is empty: nothing to brief');
  if (looksBinary(bytes)) return fail('is binary data, not text: skipped');
  const decoded = decode(bytes);
  if (decoded.text.trim() === '') return fail('has no text, only white space: nothing to brief');
  const diagnostics = decoded.warnings.map(
    (warning): Diagnostic => ({ severity: 'warning', file, message: warning.message, ...(warning.line ? { line: warning.line } : {}) }),
  );
  return {
    source: {
      path: file,
      name,
      slug: slugify(path.basename(file).replace(markdownExtension, '')),
      text: decoded.text,
      hash: createHash('sha256').update(bytes).digest('hex'),
    },
    diagnostics,
  };
}

interface DecodeWarning {
  message: string;
  line?: number;
}

/** Bytes → text: BOM-aware, invalid UTF-8 replaced (U+FFFD) and reported with its first line, line ends as `\n`. */
export function decode(bytes: Uint8Array): { text: string; warnings: DecodeWarning[] } {
  const warnings: DecodeWarning[] = [];
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    text = new TextDecoder('utf-8').decode(body);
    const bad = text.indexOf('\ufffd');
    if (bad !== -1 && !isValidUtf8(body)) {
      const line = lineAt(text, bad);
      warnings.push({ message: 'invalid UTF-8: undecodable bytes replaced with U+FFFD', line });
    }
  }
  if (text.includes('\0')) {
    warnings.push({ message: 'contains NUL bytes (binary data?): they were removed', line: lineAt(text, text.indexOf('\0')) });
    text = text.replaceAll('\0', '');
  }
  text = text.replace(/\r\n?/g, '\n');
  return { text, warnings };
}

/** NUL bytes or many control characters in the first 8 KiB: an image or archive named `.md`, not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  // UTF-16 text has NUL bytes by nature: its BOM says so.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  let control = 0;
  // An index loop: the iterator form took 100 ms over 100 sources, most of a no-change build.
  for (let index = 0; index < head.length; index++) {
    const byte = head[index]!;
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > head.length * 0.1;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

/** A file name → a safe output name: lower case, letters and digits of any script, `-` between words, at most 100 bytes. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'source' : boundedName(slug);
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `target` lies strictly inside `root` (both real paths). */
export function isInside(target: string, root: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export function describeError(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    const code = String((error as NodeJS.ErrnoException).code);
    const known: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      ENOENT: 'no such file',
      EISDIR: 'is a directory',
      ENOSPC: 'no space left on the device',
      EDQUOT: 'disk quota exceeded',
      EFBIG: 'file too large',
      EROFS: 'read-only file system',
    };
    return known[code] ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
