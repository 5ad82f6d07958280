import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { errorBody } from '../../shared/errors';
import { defaultLocale } from '../../shared/locale';
import type { Core } from '../core';
import { contentSecurityPolicy, mimeTypes } from '../csp';
import type { Envelope } from '../../shared/envelope';
import { resolveStaticPath } from '../static-files';

export type HostOptions = { core: Core; staticDir: string; port: number };
export type Host = { url: string; close(): Promise<void> };

/** The largest real command is a roster file (20 MB as base64); zod limits each field further. */
const maxBody = 32 * 1024 * 1024;
const apiPrefix = '/api/';

/**
 * The browser host: the built renderer plus the contract over HTTP, on 127.0.0.1 only.
 * POST /api/<channel> answers the envelope; GET /api/events streams pushes as Server-Sent Events.
 */
export function startHost({ core, staticDir, port }: HostOptions): Promise<Host> {
  const clients = new Set<http.ServerResponse>();
  const unsubscribe = core.events.on((event) => {
    for (const res of clients) res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  let origins: string[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Refuse other hosts, so a web page cannot reach us by DNS rebinding.
    if (!origins.some((origin) => origin === `http://${req.headers.host ?? ''}`)) return plain(res, 421, 'Misdirected');
    if (url.pathname === '/api/events' && req.method === 'GET') return openStream(res);
    if (url.pathname.startsWith(apiPrefix) && req.method === 'POST') {
      const trusted = origins.includes(req.headers.origin ?? '');
      return void answerCall(req, url.pathname.slice(apiPrefix.length), trusted).then(([status, envelope]) =>
        send(res, status, 'application/json; charset=utf-8', JSON.stringify(envelope)),
      );
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method Not Allowed');
    serveFile(res, staticDir, url.pathname);
  });

  function openStream(res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    clients.add(res);
    res.on('close', () => clients.delete(res));
  }

  async function answerCall(
    req: http.IncomingMessage,
    channel: string,
    trusted: boolean,
  ): Promise<[number, Envelope<unknown>]> {
    const body = await readBody(req);
    if (body === 'too_large') return [413, { ok: false, error: errorBody('payload_too_large', defaultLocale) }];
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return [400, { ok: false, error: errorBody('bad_json', defaultLocale) }];
    }
    const envelope = await core.guard(decodeURIComponent(channel), input, { trusted });
    return [envelope.ok ? 200 : statusOf(envelope.error.code), envelope];
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as AddressInfo).port;
      origins = [`http://127.0.0.1:${actual}`, `http://localhost:${actual}`];
      resolve({
        url: `${origins[0]}/`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const res of clients) res.end();
            server.close(() => done());
            // Idle keep-alive connections of an open browser tab would otherwise hold close() forever.
            server.closeAllConnections();
          }),
      });
    });
  });
}

function statusOf(code: string): number {
  if (code === 'forbidden') return 403;
  if (code === 'unknown_channel' || code === 'not_found') return 404;
  if (code === 'internal') return 500;
  return 400;
}

/** Read at most maxBody bytes; past that, drain and discard the rest so the client still gets our answer. */
function readBody(req: http.IncomingMessage): Promise<string | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBody) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBody ? 'too_large' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveFile(res: http.ServerResponse, root: string, pathname: string): void {
  const file = resolveStaticPath(root, pathname);
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return plain(res, 404, 'Not Found');
  const type = mimeTypes[path.extname(file)] ?? 'application/octet-stream';
  send(res, 200, type, fs.readFileSync(file));
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  send(res, status, 'text/plain; charset=utf-8', text);
}
