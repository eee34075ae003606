/**
 * watch: rebuild on save. Watches the sources and templates folders (chokidar), waits for writes to settle
 * (debounce), runs one build at a time and, when files changed during a build, one more after it. The briefing is
 * replaced atomically by each build, so a reader never opens a half-written PDF; a broken source prints its error
 * and the others stay built.
 */
import { watch as watchFiles, type FSWatcher } from 'chokidar';

export interface WatchOptions {
  /** Folders (or files) whose changes trigger a build. */
  paths: string[];
  /** Quiet time after the last change before building, in ms. */
  debounce?: number;
  /** Runs one build; its errors are the caller's to report. */
  rebuild: (changed: string[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

export interface Watcher {
  /** Resolves when the watcher is ready (initial scan done). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function watchAndRebuild(options: WatchOptions): Watcher {
  const debounce = options.debounce ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending = new Set<string>();

  const run = async (): Promise<void> => {
    if (running) return; // the build in progress picks the changes up when it ends
    while (pending.size > 0) {
      const changed = [...pending].sort();
      pending = new Set();
      running = options.rebuild(changed).catch((error: unknown) => options.onError?.(error));
      await running;
      running = undefined;
    }
  };
  const changed = (file: string) => {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounce);
  };

  const watcher: FSWatcher = watchFiles(options.paths, {
    ignoreInitial: true,
    // Editors save by writing a temporary file and renaming it: wait until the file stops growing.
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 },
  });
  watcher.on('add', changed).on('change', changed).on('unlink', changed);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
