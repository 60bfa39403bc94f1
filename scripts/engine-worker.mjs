// The engine worker thread of the bundled app: loads dist/engine-worker.cjs with its V8
// code cache (scripts/launch.cjs) and starts it. See electron/services/engine-worker/.
import { workerData } from 'node:worker_threads';
import launch from './launch.cjs';

const { loadBundle } = launch;

const bundle = loadBundle(workerData.bundle, 'worker');
bundle.exports.startWorker(() => bundle.saveCache());
