/**
 * analyse-worker: the worker-thread side of `AnalysisPool`. Receives a source and a task, answers with its result or
 * the error's message. Runs off the main thread so a long analysis never stalls Chromium's replies or the time-outs.
 */
import { parentPort } from 'node:worker_threads';
import { analyseSource, cleanFile, tablesFile } from './analyse.js';
import type { AnalysisReply, AnalysisRequest, AnalysisTask, TaskResults } from './analyse-pool.js';
import type { Source } from './types.js';

const tasks: { [T in AnalysisTask]: (source: Source) => TaskResults[T] } = { analyse: analyseSource, clean: cleanFile, tables: tablesFile };

if (!parentPort) throw new Error('analyse-worker runs as a worker thread');
const port = parentPort;
port.on('message', (request: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id: request.id, result: tasks[request.task](request.source) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
