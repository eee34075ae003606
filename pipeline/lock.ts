/**
 * lock: one build at a time per output folder. The lock file holds the builder's pid; a second build waits for it to
 * go, and takes over a lock whose process is gone (a build killed with SIGKILL leaves one behind).
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { OutputError } from './output.js';
import { describeError } from './read.js';

export interface Lock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** Called once when another build holds the lock and this one starts waiting. */
  onWait?: (holder: number) => void;
  /** How long to wait for another build, in ms, before giving up with an error. */
  timeout?: number;
  signal?: AbortSignal;
}

export async function acquireLock(file: string, options: LockOptions = {}): Promise<Lock> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new OutputError(path.dirname(file), describeError(error), { cause: error });
  }
  const deadline = Date.now() + (options.timeout ?? 15 * 60_000);
  let told = false;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
      } catch (error) {
        // A full disk: remove the pid-less lock file rather than leave it looking like a killed build's.
        await handle.close();
        await rm(file, { force: true });
        throw new OutputError(file, describeError(error), { cause: error });
      }
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if (error instanceof OutputError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(file, describeError(error), { cause: error });
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
      // Left behind by a build that was killed: take it over.
      await rm(file, { force: true });
      continue;
    }
    if (!told) {
      options.onWait?.(holder);
      told = true;
    }
    if (Date.now() > deadline) throw new Error(`another build (pid ${holder}) still holds ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
