/**
 * analyse-worker: the worker-thread side of `AnalysisPool`. Receives a source, answers with its analysis or the
 * error's message. Runs off the main thread so a long analysis never stalls Chromium's replies or the time-outs.
 */
import { parentPort } from 'node:worker_threads';
import { analyseSource } from './analyse.js';
import type { AnalysisReply, AnalysisRequest } from './analyse-pool.js';

if (!parentPort) throw new Error('analyse-worker runs as a worker thread');
const port = parentPort;
port.on('message', (request: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id: request.id, analysis: analyseSource(request.source) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
