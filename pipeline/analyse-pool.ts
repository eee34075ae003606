/**
 * analyse-pool: runs `analyseSource` (and `mdbrief clean`'s and `tables`' stages) in worker threads, a bounded number
 * at once. The main thread stays free to drive Chromium while sources are analysed; a source that exhausts its memory
 * or time fails alone, and its worker is replaced.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { holdCanvasInMainThread } from './charts/native.js';
import type { CleanResult } from './clean/index.js';
import type { Source, SourceAnalysis, TablesDocument } from './types.js';

/** What a worker can do with a source: the build's analysis, or what `mdbrief clean` and `mdbrief tables` print. */
export interface TaskResults {
  analyse: SourceAnalysis;
  clean: CleanResult;
  tables: TablesDocument;
}

export type AnalysisTask = keyof TaskResults;

export interface AnalysisRequest {
  id: number;
  task: AnalysisTask;
  source: Source;
}

export type AnalysisReply = { id: number; result: TaskResults[AnalysisTask] } | { id: number; error: string };

export interface AnalysisPoolOptions {
  /** Workers at most (each takes a core while it works). */
  size: number;
  /** Time allowed for one source, in ms. */
  timeout: number;
  /** Heap allowed to one worker, in MiB: a source that needs more fails instead of taking the build down. */
  memory: number;
}

interface Task {
  request: AnalysisRequest;
  resolve: (result: TaskResults[AnalysisTask]) => void;
  reject: (error: Error) => void;
}

export const analysisDefaults: AnalysisPoolOptions = { size: 1, timeout: 300_000, memory: 4096 };

/**
 * The compiled worker beside this file. Under tsx or vitest this file is TypeScript: the worker then registers tsx
 * first (an `--import` in a worker's execArgv does not load hooks on Node 20).
 */
function spawnWorker(options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./analyse-worker.js', import.meta.url), options);
  const entry = new URL('./analyse-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

export class AnalysisPool {
  private readonly queue: Task[] = [];
  private readonly idle: Worker[] = [];
  private running = 0;
  private nextId = 0;
  private closed = false;
  /** Each worker at work, with what settles when its source is answered or it ends. */
  private readonly busy = new Map<Worker, Promise<void>>();

  constructor(private readonly options: AnalysisPoolOptions = analysisDefaults) {}

  analyse(source: Source): Promise<SourceAnalysis> {
    return this.run('analyse', source);
  }

  /** Runs `task` on `source` in a worker, within the pool's time and memory. */
  run<T extends AnalysisTask>(task: T, source: Source): Promise<TaskResults[T]> {
    if (this.closed) return Promise.reject(new Error('the build was stopped'));
    return new Promise((resolve, reject) => {
      // The worker answers a request with the result of the task it names.
      this.queue.push({ request: { id: this.nextId++, task, source }, resolve: (result) => resolve(result as TaskResults[T]), reject });
      this.dispatch();
    });
  }

  /** Starts the workers now, idle: their start-up (loading the stages) overlaps what the caller does meanwhile. */
  warm(): void {
    while (!this.closed && this.idle.length + this.busy.size < this.options.size) this.idle.push(this.spawn());
  }

  /**
   * Stops every worker; queued analyses fail. A worker in the middle of a source gets a moment to finish it: ended
   * while node-canvas draws, a worker takes the process down (a fatal error in the addon), so it is ended only when
   * the source takes longer than `graceMs`.
   */
  async close(graceMs = 3_000): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the build was stopped'));
    const busy = [...this.busy].map(([worker, done]) =>
      Promise.race([done, new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]).then(() => worker.terminate()),
    );
    await Promise.all([...this.idle.splice(0).map((worker) => worker.terminate()), ...busy]);
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0 && this.running < this.options.size) {
      const task = this.queue.shift()!;
      this.running++;
      this.work(this.idle.pop() ?? this.spawn(), task);
    }
  }

  private spawn(): Worker {
    // Workers draw charts with node-canvas: without the addon loaded here, a worker's exit crashes the process.
    holdCanvasInMainThread();
    const worker = spawnWorker({ resourceLimits: { maxOldGenerationSizeMb: this.options.memory } });
    // An idle worker must not keep the process alive.
    worker.unref();
    return worker;
  }

  private work(worker: Worker, task: Task): void {
    let finished = () => {};
    this.busy.set(worker, new Promise<void>((resolve) => (finished = resolve)));
    let settled = false;
    const finish = (reusable: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      finished();
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      this.busy.delete(worker);
      this.running--;
      if (reusable && !this.closed) {
        worker.unref();
        this.idle.push(worker);
      } else void worker.terminate();
      outcome();
      this.dispatch();
    };
    const onMessage = (reply: AnalysisReply) => {
      if (reply.id !== task.request.id) return;
      finish(true, () => ('result' in reply ? task.resolve(reply.result) : task.reject(new Error(reply.error))));
    };
    const onError = (error: Error) => {
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      const message = memory ? `needs more than ${this.options.memory} MiB of memory to analyse` : error.message;
      finish(false, () => task.reject(new Error(message)));
    };
    const onExit = (code: number) => finish(false, () => task.reject(new Error(this.closed ? 'the build was stopped' : `the analysis stopped unexpectedly (exit code ${code})`)));
    const timer = setTimeout(
      () => finish(false, () => task.reject(new Error(`the analysis did not finish within ${this.options.timeout / 1000} s`))),
      this.options.timeout,
    );
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.ref();
    worker.postMessage(task.request);
  }
}
