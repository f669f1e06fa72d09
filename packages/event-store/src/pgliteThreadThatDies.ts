import { parentPort } from 'node:worker_threads';

// A stand-in for the PGlite thread in the executor's spec: it says it is ready, takes the first
// request and exits without answering, as a thread that crashed would.
parentPort!.postMessage('ready');
parentPort!.once('message', () => process.exit(7));
