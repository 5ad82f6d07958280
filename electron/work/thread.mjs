// The browser host runs from TypeScript sources: a worker thread gets tsx's loader first, then the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
