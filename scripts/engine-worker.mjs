// The engine worker thread of the bundled app: loads dist/engine-worker.cjs with its V8
// code cache (scripts/bundle.mjs) and starts it. See electron/services/engine-worker/.
import { workerData } from 'node:worker_threads';
import { loadBundle } from './bundle.mjs';

const bundle = loadBundle(workerData.bundle, 'worker');
bundle.exports.startWorker(() => bundle.saveCache());
