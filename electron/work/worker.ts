import { parentPort } from 'node:worker_threads';
import { answer, type JobRequest } from './work';

/**
 * The worker: a worker thread's parentPort in the browser host, Electron's process.parentPort in a utilityProcess
 * (whose messages come wrapped in a MessageEvent). One job at a time, in the order they came.
 */
type ElectronPort = {
  on(event: 'message', listener: (event: { data: JobRequest }) => void): void;
  postMessage(message: unknown): void;
};
const electronPort = (process as { parentPort?: ElectronPort }).parentPort;

let queue = Promise.resolve();
const take = (request: JobRequest, reply: (message: unknown) => void) => {
  queue = queue.then(async () => reply(await answer(request)));
};

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: JobRequest) => take(request, (message) => port.postMessage(message)));
} else if (electronPort) {
  electronPort.on('message', ({ data }) => take(data, (message) => electronPort.postMessage(message)));
}
