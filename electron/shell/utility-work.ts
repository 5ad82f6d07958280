import { utilityProcess } from 'electron';
import { workerWork, type Work } from '../work/work';

/**
 * Heavy work in Electron: the worker bundle (dist-electron/worker.cjs, from electron/work/worker.ts) as a
 * utilityProcess, forked on first use (fork is allowed only after ready). A process, not a thread, so a crash in
 * a PDF or zip library takes down only the job it was doing; the main process restarts it for the next one.
 */
export function utilityWork(file: string): Work {
  return workerWork(() => {
    const child = utilityProcess.fork(file, [], { serviceName: 'Yishiting work' });
    return {
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      stop: () => void child.kill(),
    };
  });
}
