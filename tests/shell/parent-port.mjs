// Electron's `process.parentPort` in a utility process, for a child forked by the stand-in (fake-electron.ts):
// messages from the parent arrive as a MessageEvent-like `{ data, ports }`, and postMessage answers the parent.
import { EventEmitter } from 'node:events';

const parentPort = new EventEmitter();
parentPort.postMessage = (message) => process.send(message);
process.on('message', (data) => parentPort.emit('message', { data, ports: [] }));
Object.defineProperty(process, 'parentPort', { enumerable: true, writable: false, value: parentPort });
