import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, type ErrorParams } from '../../shared/errors';
import { jobs, type JobArgs, type JobName, type JobResult } from './jobs';

/** Where heavy work runs: `run` resolves with the job's result, or rejects with its AppError (or a plain Error). */
export type Work = {
  run<K extends JobName>(name: K, ...args: JobArgs<K>): Promise<JobResult<K>>;
  close(): Promise<void>;
};

export type JobRequest = { id: number; name: JobName; args: unknown[] };
export type JobReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code?: ErrorCode; params?: ErrorParams; message: string } };

/** The worker's side of one request: run the job, and answer what crosses a structured clone. */
export async function answer({ id, name, args }: JobRequest): Promise<JobReply> {
  try {
    const job = jobs[name] as (...args: unknown[]) => unknown;
    return { id, ok: true, value: await job(...args) };
  } catch (error) {
    if (error instanceof AppError)
      return { id, ok: false, error: { code: error.code, params: error.params, message: '' } };
    return {
      id,
      ok: false,
      error: { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    };
  }
}

/** In this thread: for tests and one-shot scripts, which serve no projector. */
export const inThread: Work = {
  run: async (name, ...args) => (await answer({ id: 0, name, args }).then(settle)) as JobResult<typeof name>,
  close: async () => undefined,
};

/** What a worker thread and Electron's UtilityProcess both offer, seen from the serving side. */
export type WorkerPort = {
  postMessage(message: JobRequest): void;
  onMessage(listener: (reply: JobReply) => void): void;
  onExit(listener: () => void): void;
  stop(): void;
};

/**
 * Jobs sent to a worker started on first use, and again after it died: the jobs it held answer
 * `work_interrupted` (a crash must not leave the secretary's export spinning forever), the next gets a fresh one.
 */
export function workerWork(start: () => WorkerPort): Work {
  let port: WorkerPort | null = null;
  let next = 1;
  const pending = new Map<number, (reply: JobReply) => void>();

  function connect(): WorkerPort {
    if (port) return port;
    const started = start();
    started.onMessage((reply) => {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    });
    started.onExit(() => {
      if (port === started) port = null;
      for (const [id, settleReply] of pending) {
        settleReply({ id, ok: false, error: { code: 'work_interrupted', message: 'the worker stopped' } });
      }
      pending.clear();
    });
    return (port = started);
  }

  return {
    run: (name, ...args) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, (reply) => {
          try {
            resolve(settle(reply) as JobResult<typeof name>);
          } catch (error) {
            reject(error);
          }
        });
        connect().postMessage({ id, name, args });
      }),
    close: async () => {
      port?.stop();
      port = null;
    },
  };
}

/** A worker thread running `file`: thread.mjs from sources (it brings tsx's loader), or a built worker. */
export function threadWork(file: string): Work {
  return workerWork(() => {
    const worker = new Worker(file);
    // Stopping it is ours to do; it must not keep the process alive on its own.
    worker.unref();
    return {
      postMessage: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', listener),
      onExit: (listener) => {
        worker.on('exit', listener);
        worker.on('error', () => undefined);
      },
      stop: () => void worker.terminate(),
    };
  });
}

/** The reply's value, with bytes back as Buffers (a structured clone turns them into plain Uint8Arrays). */
function settle(reply: JobReply): unknown {
  if (!reply.ok) {
    const { code, params, message } = reply.error;
    throw code ? new AppError(code, params) : new Error(`heavy work failed: ${message}`);
  }
  const value = reply.value;
  return value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;
}
