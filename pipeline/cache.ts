/**
 * cache: content-addressed results under `<out>/.cache/`, so a rebuild redoes only what its inputs changed.
 * A key is the sha256 of everything a result depends on (mdbrief's version and code included). An entry records its
 * key, that identity and a digest of its payload; one that is unreadable, truncated or from other code is ignored and
 * rebuilt, never trusted.
 */
import { createHash } from 'node:crypto';
import { access, lstat, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { OutputError, writeFileAtomic } from './output.js';
import { cacheIdentity } from './version.js';

/** sha256 hex of the JSON of `parts`: the key of whatever depends on exactly those parts. */
export function cacheKey(...parts: unknown[]): string {
  return sha256(JSON.stringify([cacheIdentity, ...parts]));
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

interface Envelope {
  mdbrief: string;
  key: string;
  digest: string;
}

export class Cache {
  /** Entries read or written by this build: what `prune` keeps. */
  private readonly used = new Set<string>();

  /** `root`: the output folder, within which every write stays, through no link (output.ts). */
  constructor(
    readonly dir: string,
    private readonly root?: string,
  ) {}

  async readJson<T>(kind: string, key: string, isValid: (value: unknown) => value is T): Promise<T | undefined> {
    const file = this.file(kind, key, 'json');
    try {
      const entry = JSON.parse(await readFile(file, 'utf8')) as Envelope & { value: unknown };
      if (entry.mdbrief !== cacheIdentity || entry.key !== key || entry.digest !== sha256(JSON.stringify(entry.value))) return undefined;
      if (!isValid(entry.value)) return undefined;
      this.used.add(file);
      return entry.value;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores an entry; false when it could not be written (full or read-only disk). The cache only saves time, so that
   * never fails a source: the build's own outputs, written next, report the disk's problem with their path.
   */
  async writeJson(kind: string, key: string, value: unknown): Promise<boolean> {
    const file = this.file(kind, key, 'json');
    const entry = { mdbrief: cacheIdentity, key, digest: sha256(JSON.stringify(value)), value };
    if (!(await stored(file, JSON.stringify(entry), this.root))) return false;
    this.used.add(file);
    return true;
  }

  /** Whether an entry is stored, unchecked: a hint (what a build will have to do), never a hit. */
  async holds(kind: string, key: string): Promise<boolean> {
    return access(this.file(kind, key, 'json')).then(
      () => true,
      () => false,
    );
  }

  /** Bytes with a small envelope beside them (`<key>.bin` and `<key>.json`), checked against its digest. */
  async readBytes(kind: string, key: string): Promise<Uint8Array | undefined> {
    const data = this.file(kind, key, 'bin');
    const meta = this.file(kind, key, 'json');
    try {
      const entry = JSON.parse(await readFile(meta, 'utf8')) as Envelope;
      if (entry.mdbrief !== cacheIdentity || entry.key !== key) return undefined;
      const bytes = new Uint8Array(await readFile(data));
      if (sha256(bytes) !== entry.digest) return undefined;
      this.used.add(data).add(meta);
      return bytes;
    } catch {
      return undefined;
    }
  }

  /**
   * The digest of a bytes entry's payload, from its envelope alone, and the entry kept for the next build: enough
   * when the output file already holds exactly those bytes. `readBytes` still checks the payload when it is needed.
   */
  async bytesDigest(kind: string, key: string): Promise<string | undefined> {
    const data = this.file(kind, key, 'bin');
    const meta = this.file(kind, key, 'json');
    try {
      const entry = JSON.parse(await readFile(meta, 'utf8')) as Envelope;
      if (entry.mdbrief !== cacheIdentity || entry.key !== key || typeof entry.digest !== 'string') return undefined;
      this.used.add(data).add(meta);
      return entry.digest;
    } catch {
      return undefined;
    }
  }

  /** Keeps a JSON entry through `prune` without reading it (a later build may need it; this one did not). */
  keepJson(kind: string, key: string): void {
    this.used.add(this.file(kind, key, 'json'));
  }

  /** Like `writeJson`: false when the entry could not be stored. */
  async writeBytes(kind: string, key: string, bytes: Uint8Array): Promise<boolean> {
    const data = this.file(kind, key, 'bin');
    const meta = this.file(kind, key, 'json');
    // Payload first: an envelope never points at bytes that are not there yet.
    if (!(await stored(data, bytes, this.root))) return false;
    // Without its envelope the payload is never read; `prune` removes it.
    if (!(await stored(meta, JSON.stringify({ mdbrief: cacheIdentity, key, digest: sha256(bytes) }), this.root))) return false;
    this.used.add(data).add(meta);
    return true;
  }

  /** Removes every entry this build did not use: the cache holds one build's worth, not every build's. */
  async prune(): Promise<void> {
    let kinds: string[];
    try {
      if (!(await isRealFolder(this.dir))) return;
      kinds = await readdir(this.dir);
    } catch {
      return;
    }
    for (const kind of kinds) {
      const folder = path.join(this.dir, kind);
      let names: string[];
      try {
        // A link planted in the cache would have the pruning delete the files of the folder it leads to.
        if (!(await isRealFolder(folder))) continue;
        names = await readdir(folder);
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(folder, name);
        // Only names the cache gives its entries: anything else found here is not ours to delete.
        if (!this.used.has(file) && entryName.test(name)) await rm(file, { force: true });
      }
    }
  }

  private file(kind: string, key: string, extension: string): string {
    return path.join(this.dir, kind, `${key}.${extension}`);
  }
}

const entryName = /^[0-9a-f]{64}\.(?:json|bin)$/;

async function isRealFolder(dir: string): Promise<boolean> {
  const info = await lstat(dir);
  return info.isDirectory() && !info.isSymbolicLink();
}

/** Writes one cache file; false when the output could not take it (any other error is a bug and is thrown). */
async function stored(file: string, data: string | Uint8Array, root: string | undefined): Promise<boolean> {
  try {
    await writeFileAtomic(file, data, root);
    return true;
  } catch (error) {
    if (error instanceof OutputError) return false;
    throw error;
  }
}
