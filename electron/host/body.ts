import type http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { maxConnections } from './connections';

/** The largest real command is a roster or a bundle (20–28 MB as base64); zod limits each field further. */
export const maxBody = 32 * 1024 * 1024;

/**
 * JSON values a body may hold, and how deep. Real inputs are a few large strings (files as base64) or a few
 * thousand small values (a roll call of 3,000 residents); 32 MiB of `[{},{},…]` would be ten million objects,
 * half a gigabyte once parsed, and 100,000 nested arrays would overflow the validator's stack.
 */
const maxValues = 200_000;
const maxDepth = 64;

const MiB = 1024 * 1024;

/**
 * A full collection, for the moment after a file upload. V8 leaves the garbage of large strings (a 32 MiB body is
 * read, decoded and parsed into two) until its heap has grown a few times over: measured, +32 MB per upload up to
 * ~600 MB before it collected. After a file, when that much garbage is certain, one collection (~20 ms) is cheap.
 */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();
/** A body over this is a file (a roster, a bundle, a PDF); calls of the other windows stay far below it. */
const largeBody = MiB;
/**
 * A body up to this is a small call: the usual JSON calls are a few KB, a roll call of 3,000 residents ~40 KB.
 * Each connection receives one body at a time, so small calls have a lane of their own that other bodies never
 * enter and that slow ones cannot fill: room for one at this size on every connection the host keeps.
 */
export const smallBody = 64 * 1024;

/** Where one request may read its body: the shared large buffer, or (null) a small buffer of its own. */
export type Slot = { buffer: Buffer | null; release(): void };

/**
 * Room for request bodies, over all requests at once, in three lanes by declared length. A large body is read
 * into the one 32 MiB buffer kept for it, so files are read one after another, their sockets paused meanwhile
 * (TCP holds the bytes, not us); bodies up to 1 MiB share 8 MiB beside it; small calls have a lane of their own.
 * So a small call never waits behind a file, nor behind slow 1 MiB bodies (8 of them, sending a byte a second,
 * once held every call for 58 s). The buffer is reused rather than allocated per upload because the C allocator
 * keeps most of what a freed 30 MB buffer held: forty fresh ones took the host to 480 MB.
 */
export class BodyBudget {
  private large: Buffer | null = null;
  private largeTaken = false;
  private mediumUsed = 0;
  private smallUsed = 0;
  private readonly waiting: { bytes: number; grant: () => void }[] = [];

  constructor(
    readonly mediumCapacity = 8 * MiB,
    readonly maxWaiting = 64,
    readonly smallCapacity = maxConnections * smallBody,
  ) {}

  /** Resolves with a slot, or 'busy' when too many are waiting; `giveUp` takes a waiter out of the queue. */
  reserve(bytes: number, giveUp: Promise<void>): Promise<Slot | 'busy' | 'cancelled'> {
    if (this.fits(bytes)) return Promise.resolve(this.take(bytes));
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve('busy');
    return new Promise((resolve) => {
      const waiter = { bytes, grant: () => resolve(this.take(bytes)) };
      this.waiting.push(waiter);
      void giveUp.then(() => {
        const at = this.waiting.indexOf(waiter);
        if (at < 0) return;
        this.waiting.splice(at, 1);
        resolve('cancelled');
      });
    });
  }

  private fits(bytes: number): boolean {
    if (bytes > largeBody) return !this.largeTaken;
    if (bytes > smallBody) return this.mediumUsed + bytes <= this.mediumCapacity;
    return this.smallUsed + bytes <= this.smallCapacity;
  }

  private take(bytes: number): Slot {
    const large = bytes > largeBody;
    const medium = !large && bytes > smallBody;
    if (large) this.largeTaken = true;
    else if (medium) this.mediumUsed += bytes;
    else this.smallUsed += bytes;
    let released = false;
    return {
      buffer: large ? (this.large ??= Buffer.allocUnsafeSlow(maxBody)) : null,
      release: () => {
        if (released) return;
        released = true;
        if (large) {
          this.largeTaken = false;
          setImmediate(collectGarbage);
        } else if (medium) this.mediumUsed -= bytes;
        else this.smallUsed -= bytes;
        // First come, first served among those that fit: a small call never waits behind a file.
        for (let i = 0; i < this.waiting.length;) {
          const waiter = this.waiting[i]!;
          if (!this.fits(waiter.bytes)) {
            i += 1;
            continue;
          }
          this.waiting.splice(i, 1);
          waiter.grant();
        }
      },
    };
  }
}

/** The declared length; null when the body comes chunked (raw clients; browsers always declare it); 0 for none. */
export function declaredLength(req: http.IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header !== undefined) return Number(header);
  return req.headers['transfer-encoding'] === undefined ? 0 : null;
}

/** Resolves when the client has gone, whether it finished or not, or after `ms` (whichever is first). */
export const goneOr = (req: http.IncomingMessage, ms: number) =>
  new Promise<void>((resolve) => {
    if (req.destroyed) return resolve();
    req.once('close', () => resolve());
    setTimeout(resolve, ms).unref();
  });

export type Body = { text: string } | 'too_large' | 'busy' | 'aborted';

/**
 * Read the body into the slot's buffer (or one of its own, for a small call), measuring each chunk as it arrives:
 * past `maxBody` bytes or past the values and nesting any input of ours has, the rest is read and thrown away and
 * the answer is 'too_large'. A chunked body (no declared length) starts as a small call; once it grows past
 * `smallBody`, `grow` trades its slot for the large buffer, and it reads on there ('busy' if none comes). The body
 * must arrive within `ms` of reading, waits for the large buffer aside (32 MiB takes well under a second here, a
 * minute is for a machine under load); a client that dawdles or leaves is 'aborted'.
 */
export function readBody(
  req: http.IncomingMessage,
  slot: Slot,
  length: number | null,
  grow: () => Promise<Slot | null> = () => Promise.resolve(null),
  ms = 60_000,
): Promise<Body> {
  return new Promise((resolve) => {
    let buffer = slot.buffer ?? Buffer.allocUnsafe(length ?? smallBody);
    const shape = new JsonShape();
    let size = 0;
    let refused: 'too_large' | 'busy' | null = null;
    let grown = length !== null;
    let deadline = setTimeout(() => req.destroy(), ms);
    const done = (body: Body) => {
      clearTimeout(deadline);
      resolve(body);
    };
    const take = (chunk: Buffer) => {
      if (size + chunk.length > buffer.length || !shape.take(chunk)) refused = 'too_large';
      else size += chunk.copy(buffer, size);
    };
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      if (grown || size + chunk.length <= buffer.length) return take(chunk);
      grown = true;
      req.pause();
      clearTimeout(deadline);
      void grow().then((large) => {
        deadline = setTimeout(() => req.destroy(), ms);
        if (large?.buffer) {
          buffer.copy(large.buffer, 0, 0, size);
          buffer = large.buffer;
          take(chunk);
        } else refused = 'busy';
        req.resume();
      });
    });
    req.on('end', () => done(refused ?? { text: buffer.toString('utf8', 0, size) }));
    req.on('error', () => done('aborted'));
    req.on('close', () => {
      if (!req.complete) done('aborted');
    });
  });
}

/** Read and throw away what the client still sends, so it can receive our answer; resolves when it is done. */
export function drain(req: http.IncomingMessage, ms = 60_000): Promise<void> {
  req.on('error', () => undefined);
  req.resume();
  const deadline = setTimeout(() => req.destroy(), ms);
  return new Promise<void>((resolve) => {
    const done = () => (clearTimeout(deadline), resolve());
    if (req.complete || req.destroyed) return done();
    req.once('end', done);
    req.once('close', done);
  });
}

/** The body as JSON; an empty body is `{}`. */
export function parseJson(text: string): { value: unknown } | 'bad_json' {
  if (text.length === 0) return { value: {} };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return 'bad_json';
  }
}

/**
 * Counts values and nesting outside strings, chunk by chunk. Strings, where a file's base64 spends its megabytes,
 * are crossed with the native indexOf; the next quote and backslash are remembered, so a million escapes is still
 * one pass. Only the structure is judged here: whether the JSON is valid is JSON.parse's to say.
 */
export class JsonShape {
  private values = 0;
  private depth = 0;
  private inString = false;
  /** The chunk ended on a backslash inside a string: the next chunk's first byte is escaped. */
  private escaped = false;

  /** False once the body holds more values or deeper nesting than any input of ours. */
  take(chunk: Buffer): boolean {
    let i = this.escaped ? 1 : 0;
    this.escaped = false;
    let nextQuote = -1;
    let nextEscape = -1;
    const find = (byte: number) => {
      const at = chunk.indexOf(byte, i);
      return at < 0 ? chunk.length : at;
    };
    while (i < chunk.length) {
      if (this.inString) {
        if (nextQuote < i) nextQuote = find(0x22);
        if (nextEscape < i) nextEscape = find(0x5c);
        if (nextEscape < nextQuote) {
          i = nextEscape + 2;
          if (i > chunk.length) this.escaped = true;
          continue;
        }
        i = nextQuote + 1;
        if (nextQuote < chunk.length) this.inString = false;
        continue;
      }
      switch (chunk[i++]) {
        case 0x22: // "
          this.inString = true;
          break;
        case 0x2c: // ,
        case 0x3a: // :
          if (++this.values > maxValues) return false;
          break;
        case 0x5b: // [
        case 0x7b: // {
          if (++this.values > maxValues || ++this.depth > maxDepth) return false;
          break;
        case 0x5d: // ]
        case 0x7d: // }
          this.depth -= 1;
      }
    }
    return true;
  }
}
