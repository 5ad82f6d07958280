import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { isChannel } from '../../shared/contract';
import type { Envelope } from '../../shared/envelope';
import { errorBody, type ErrorCode, type ErrorParams } from '../../shared/errors';
import type { Locale } from '../../shared/locale';
import type { Core } from '../core';
import { contentSecurityPolicy, mimeTypes } from '../csp';
import type { Log } from '../guard';
import { resolveStaticPath } from '../static-files';
import { callRefusal, isOurHost, newSessionToken, sessionUrl, streamRefusal, type Access } from './access';
import { BodyBudget, declaredLength, drain, goneOr, maxBody, parseJson, readBody, smallBody } from './body';
import { Connections, maxConnections } from './connections';
import { EventStreams } from './stream';

export type HostOptions = { core: Core; staticDir: string; port: number; log?: Log; token?: string };
/** `url` carries this start's session token: it is the address to open, and the only one that works. */
export type Host = { url: string; origin: string; token: string; close(): Promise<void> };

const apiPrefix = '/api/';
/** How long an upload may wait for room in the body budget before it is told the host is busy. */
const maxWait = 120_000;
const streamPath = '/api/events';

/** Headers on every answer. No Referer ever leaves our pages, so neither does the token in their first address. */
const commonHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const statusOf: Partial<Record<ErrorCode, number>> = {
  forbidden: 403,
  session_required: 401,
  unknown_channel: 404,
  not_found: 404,
  payload_too_large: 413,
  server_busy: 503,
  internal: 500,
};

/**
 * The browser host: the built renderer plus the contract over HTTP, on 127.0.0.1 only.
 * POST /api/<channel> answers the envelope; GET /api/events?t=… streams pushes as Server-Sent Events.
 *
 * Nothing a client sends can take it down: Host, Origin and the session token are checked before a byte of body is
 * read; bodies are read within one budget for all requests; every path answers a 4xx for what it cannot use.
 */
export function startHost({ core, staticDir, port, log = defaultLog, token }: HostOptions): Promise<Host> {
  const streams = new EventStreams();
  const unsubscribe = core.events.on((event) => streams.push(event));
  const budget = new BodyBudget();
  const files = new StaticFiles(staticDir);
  const connections = new Connections();
  let access: Access = { port, token: token ?? newSessionToken() };

  const server = http.createServer(
    {
      // Headers within 30 s, idle connections included. The body's own deadline starts once it may be read
      // (readBody): Node's requestTimeout would also count the time an upload waits for its turn.
      headersTimeout: 30_000,
      requestTimeout: 0,
      connectionsCheckingInterval: 5_000,
    },
    (req, res) => {
      if (!connections.admit(req, res)) return;
      handle(req, res).catch((error: unknown) => {
        log('browser host: a request failed', error);
        if (res.headersSent) res.destroy();
        else answer(req, res, 'internal');
      });
    },
  );
  connections.watch(server);
  // Connections makes room at its cap by closing one; this is the floor under it, should closes lag a flood.
  server.maxConnections = maxConnections + 64;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const target = req.url ?? '';
    // Origin-form only: `GET http://[ …` (a proxy's absolute form) or `OPTIONS *` are not for us.
    if (!target.startsWith('/')) return plain(res, 400, 'Bad Request');
    if (!isOurHost(req, access)) return plain(res, 421, 'Misdirected Request');
    const split = target.search(/[?#]/);
    const pathname = split < 0 ? target : target.slice(0, split);
    const query = new URLSearchParams(split < 0 ? '' : target.slice(split + 1).replace(/#.*/, ''));

    if (pathname === streamPath) {
      if (req.method !== 'GET') return plain(res, 405, 'Method Not Allowed');
      const refusal = streamRefusal(req, query, access);
      if (refusal) return refuse(req, res, refusal);
      if (streams.full) return refuse(req, res, 'server_busy');
      return streams.open(res, commonHeaders);
    }
    if (pathname.startsWith(apiPrefix)) {
      if (req.method !== 'POST') return plain(res, 405, 'Method Not Allowed');
      const refusal = callRefusal(req, access);
      if (refusal) return refuse(req, res, refusal);
      return call(req, res, channelOf(pathname.slice(apiPrefix.length)));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method Not Allowed');
    serveFile(res, files, pathname);
  }

  async function call(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    if (!isChannel(channel)) return refuse(req, res, 'unknown_channel', { channel: channel.slice(0, 100) });
    const length = declaredLength(req);
    if (length !== null && length > maxBody) return drainThen(req, res, 'payload_too_large');
    // A chunked body starts as a small call, and takes the large buffer only once it grows past one.
    const slot = await budget.reserve(length ?? smallBody, goneOr(req, maxWait));
    if (slot === 'busy' || slot === 'cancelled') return drainThen(req, res, 'server_busy');
    let held = slot;
    try {
      const body = await readBody(req, slot, length, async () => {
        const large = await budget.reserve(maxBody, goneOr(req, maxWait));
        if (typeof large === 'string') return null;
        held.release();
        held = large;
        return large;
      });
      if (body === 'aborted') return;
      if (body === 'too_large' || body === 'busy')
        return answer(req, res, body === 'busy' ? 'server_busy' : 'payload_too_large');
      const parsed = parseJson(body.text);
      if (parsed === 'bad_json') return answer(req, res, 'bad_json');
      const envelope = await core.guard(channel, parsed.value, { trusted: true, locale: localeOf(req) });
      send(res, envelope.ok ? 200 : (statusOf[envelope.error.code as ErrorCode] ?? 400), envelope);
    } finally {
      held.release();
    }
  }

  /** A refusal that reads nothing: the client learns why, and the connection closes with its body unread. */
  function refuse(req: http.IncomingMessage, res: http.ServerResponse, code: ErrorCode, params?: ErrorParams) {
    res.setHeader('Connection', 'close');
    answer(req, res, code, params);
    req.on('error', () => undefined);
  }

  /** Our own page sent too much, or came at a busy moment: let it finish sending, so it can read the answer. */
  async function drainThen(req: http.IncomingMessage, res: http.ServerResponse, code: ErrorCode) {
    await drain(req);
    if (!res.destroyed) answer(req, res, code);
  }

  function answer(req: http.IncomingMessage, res: http.ServerResponse, code: ErrorCode, params?: ErrorParams) {
    send(res, statusOf[code] ?? 400, { ok: false, error: errorBody(code, localeOf(req) ?? core.locale(), params) });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      // Past start, an error of the listening socket (accept() out of file descriptors) is logged, never fatal.
      server.on('error', (error) => log('browser host: server error', error));
      access = { ...access, port: (server.address() as AddressInfo).port };
      resolve({
        url: sessionUrl(access),
        origin: new URL(sessionUrl(access)).origin,
        token: access.token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            streams.closeAll();
            server.close(() => done());
            // Idle keep-alive connections of an open browser tab would otherwise hold close() forever.
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The channel named in the path; a name that does not decode is simply not one of ours. */
function channelOf(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/**
 * The language the page shows: our client names it in Accept-Language on every call, and a browser sends its own
 * on the event stream. Anything we do not translate (or no header) leaves the app's setting to decide.
 */
function localeOf(req: http.IncomingMessage): Locale | undefined {
  const first = (req.headers['accept-language'] ?? '').split(',')[0]!.trim().toLowerCase();
  if (first.startsWith('zh')) return 'zh-CN';
  if (first.startsWith('en')) return 'en';
  return undefined;
}

const defaultLog: Log = (message, error) => console.error(`[yishiting] ${message}`, error ?? '');

/**
 * The built renderer, each file read at its first request and kept: the files do not change while the host runs,
 * and answers waiting on slow sockets then share one Buffer instead of a copy each (4,000 pipelined GETs of the
 * 0.7 MB script once held 2.9 GB of copies). Only files that exist are kept, so the map is bounded by the build.
 */
class StaticFiles {
  private readonly read = new Map<string, Buffer>();

  constructor(private readonly root: string) {}

  get(pathname: string): { file: string; body: Buffer } | null {
    const file = resolveStaticPath(this.root, pathname);
    if (!file) return null;
    const known = this.read.get(file);
    if (known) return { file, body: known };
    if (!isFile(file)) return null;
    const body = fs.readFileSync(file);
    this.read.set(file, body);
    return { file, body };
  }
}

function serveFile(res: http.ServerResponse, files: StaticFiles, pathname: string): void {
  const found = files.get(pathname);
  if (!found) return plain(res, 404, 'Not Found');
  const type = mimeTypes[path.extname(found.file)] ?? 'application/octet-stream';
  res.writeHead(200, { ...commonHeaders, 'Content-Type': type });
  res.end(found.body);
}

/** A path too long for the OS, or through a file as if it were a folder, is simply not one of our files. */
function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function send(res: http.ServerResponse, status: number, envelope: Envelope<unknown>): void {
  const body = JSON.stringify(envelope);
  res.writeHead(status, { ...commonHeaders, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(body);
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...commonHeaders, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end(text);
}
