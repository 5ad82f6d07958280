import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BodyBudget, type Slot } from '../../electron/host/body';
import { startHost, type Host } from '../../electron/host/server';
import { pageHeaders } from '../spawn-host';
import { auditCount, coreWithCommunity, send, tempDir, type TestCore } from './helpers';

type Reply = { status: number; body: string };

function request(host: Host, path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      new URL(path, host.origin),
      { method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Bytes straight onto a socket, for what no HTTP client would send; answers whatever came back before it closed. */
function raw(host: Host, ...parts: (string | Buffer)[]): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(new URL(host.origin).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
    });
    setTimeout(() => socket.destroy(), 500).unref();
  });
}

async function withHost(test: (host: Host, core: TestCore) => Promise<void>) {
  const core = await coreWithCommunity();
  const logged: unknown[] = [];
  const host = await startHost({ core, staticDir: tempDir(), port: 0, log: (_m, error) => logged.push(error) });
  try {
    await test(host, core);
  } finally {
    await host.close();
  }
  expect(logged, 'the host logged a failure').toEqual([]);
}

const post = (host: Host, channel: string, body: string, headers: Record<string, string> = pageHeaders(host)) =>
  request(host, `/api/${channel}`, { method: 'POST', body, headers });

/** The call every killer is followed by: the host must still be there and answer it. */
async function stillServes(host: Host) {
  const reply = await post(host, 'meeting:list', '{}');
  expect(reply.status).toBe(200);
  expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
}

// Large bodies and hundreds of sockets: on a busy machine these take longer than the default 5 s.
describe('the browser host', { timeout: 60_000 }, () => {
  it('prints an address with this start’s token, and answers POST /api/<channel> holding it', () =>
    withHost(async (host) => {
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?t=[\w-]{43}$/);
      expect(new URL(host.url).searchParams.get('t')).toBe(host.token);
      const reply = await post(host, 'meeting:create', JSON.stringify({ title: '议事会' }));
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { title: '议事会', status: 'draft' } });
    }));

  it('makes a new token at every start', async () => {
    const core = await coreWithCommunity();
    const first = await startHost({ core, staticDir: tempDir(), port: 0 });
    const second = await startHost({ core, staticDir: tempDir(), port: 0 });
    await Promise.all([first.close(), second.close()]);
    expect(first.token).not.toBe(second.token);
  });

  it('refuses calls from another origin or without one, and writes nothing', () =>
    withHost(async (host, core) => {
      const before = auditCount(core);
      const token = { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' };
      const origins: Record<string, string>[] = [
        { Origin: 'http://evil.example' },
        {},
        { Origin: 'null' },
        { Origin: `${host.origin}.evil` },
      ];
      for (const headers of origins) {
        const reply = await post(host, 'meeting:create', JSON.stringify({ title: '议事会' }), { ...token, ...headers });
        expect(reply.status).toBe(403);
        expect(JSON.parse(reply.body).error).toEqual({
          code: 'forbidden',
          message: '拒绝访问：请求不是来自本应用的页面。',
        });
      }
      expect(auditCount(core)).toBe(before);
    }));

  it('refuses our own origin without the token, or with a wrong one, and writes nothing', () =>
    withHost(async (host, core) => {
      const before = auditCount(core);
      const wrong = host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      for (const authorization of [undefined, '', `Bearer ${wrong}`, `Bearer ${host.token}x`, host.token, 'Bearer ']) {
        const headers: Record<string, string> = { Origin: host.origin, 'Content-Type': 'application/json' };
        if (authorization !== undefined) headers.Authorization = authorization;
        const reply = await post(host, 'meeting:create', JSON.stringify({ title: '议事会' }), headers);
        expect(reply.status, String(authorization)).toBe(401);
        expect(JSON.parse(reply.body).error.code).toBe('session_required');
        expect(JSON.parse(reply.body).error.message).toContain('启动议事亭时显示的完整网址');
      }
      expect(auditCount(core)).toBe(before);
    }));

  it('refuses a foreign Host header (DNS rebinding), on pages and calls alike', () =>
    withHost(async (host) => {
      expect((await request(host, '/', { headers: { Host: 'evil.example:80' } })).status).toBe(421);
      const call = await post(host, 'meeting:list', '{}', { ...pageHeaders(host), Host: 'evil.example' });
      expect(call.status).toBe(421);
    }));

  it('answers broken JSON and oversized bodies with a clear envelope, in the secretary’s language', () =>
    withHost(async (host, core) => {
      const broken = await post(host, 'meeting:create', '{"title":');
      expect(broken.status).toBe(400);
      expect(JSON.parse(broken.body).error).toEqual({ code: 'bad_json', message: '请求内容不是有效的 JSON。' });
      const huge = await post(host, 'meeting:create', JSON.stringify({ title: 'x'.repeat(33 * 1024 * 1024) }));
      expect(huge.status).toBe(413);
      expect(JSON.parse(huge.body).error).toEqual({ code: 'payload_too_large', message: '提交的内容过大。' });

      await send(core, 'settings:setLocale', { locale: 'en' });
      expect(JSON.parse((await post(host, 'meeting:create', '{"title":')).body).error.message).toBe(
        'The request body is not valid JSON.',
      );
      const foreign = await post(host, 'meeting:list', '{}', { ...pageHeaders(host), Origin: 'http://evil.example' });
      expect(JSON.parse(foreign.body).error.message).toBe('Access denied: the request did not come from this app.');
    }));

  it('answers in the language the page shows, whatever the stored setting', () =>
    withHost(async (host) => {
      const english = { ...pageHeaders(host), 'Accept-Language': 'en' };
      const broken = await post(host, 'meeting:create', '{"title":', english);
      expect(JSON.parse(broken.body).error.message).toBe('The request body is not valid JSON.');
      const huge = await post(host, 'meeting:create', JSON.stringify({ title: 'x'.repeat(33 * 1024 * 1024) }), english);
      expect(JSON.parse(huge.body).error.message).toBe('The request is too large.');
      const invalid = await post(host, 'resident:save', JSON.stringify({ name: '' }), english);
      expect(JSON.parse(invalid.body).error.message).toMatch(/^Invalid input: /);
      const missing = await post(host, 'meeting:get', JSON.stringify({ id: 4242 }), english);
      expect(JSON.parse(missing.body).error.message).toBe('The meeting #4242 was not found; it may have been deleted.');
      const noToken = await post(host, 'meeting:list', '{}', { ...english, Authorization: 'Bearer wrong' });
      expect(JSON.parse(noToken.body).error.message).toMatch(/^This page holds no valid access code/);
      // A Chinese page on the same host still reads Chinese.
      const chinese = await post(host, 'meeting:create', '{"title":', {
        ...pageHeaders(host),
        'Accept-Language': 'zh-CN',
      });
      expect(JSON.parse(chinese.body).error.message).toBe('请求内容不是有效的 JSON。');
      await stillServes(host);
    }));

  it('refuses a body built to explode once parsed: millions of values, or nesting deeper than any input', () =>
    withHost(async (host) => {
      const many = await post(host, 'meeting:create', `[${'{},'.repeat(3_000_000)}{}]`);
      expect(many.status).toBe(413);
      const deep = await post(host, 'meeting:create', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      expect(deep.status).toBe(413);
      // Brackets and commas inside strings are text, not structure.
      const text = await post(host, 'meeting:create', JSON.stringify({ title: '[{,' }));
      expect(text.status).toBe(200);
      await stillServes(host);
    }));

  it('survives every request known to kill it, and answers the next ordinary call', () =>
    withHost(async (host) => {
      const port = new URL(host.origin).port;
      const hostLine = `Host: 127.0.0.1:${port}\r\n`;
      const auth = `Origin: ${host.origin}\r\nAuthorization: Bearer ${host.token}\r\n`;

      // A name that does not decode as a channel: an envelope, not a URIError.
      const undecodable = await post(host, '%E0%A4%A', '{}');
      expect(undecodable.status).toBe(404);
      expect(JSON.parse(undecodable.body).error.code).toBe('unknown_channel');
      await stillServes(host);

      // The absolute form a proxy would get, with a host that does not parse.
      expect(await raw(host, `GET http://[ HTTP/1.1\r\n${hostLine}\r\n`)).toMatch(/^HTTP\/1\.1 400/);
      expect(await raw(host, `POST http://[/api/meeting:list HTTP/1.1\r\n${hostLine}${auth}\r\n`)).toMatch(
        /^HTTP\/1\.1 400/,
      );
      expect(await raw(host, `GET //[ HTTP/1.1\r\n${hostLine}\r\n`)).toMatch(/^HTTP\/1\.1 404/);
      expect(await raw(host, `OPTIONS * HTTP/1.1\r\n${hostLine}\r\n`)).toMatch(/^HTTP\/1\.1 400/);
      // Garbage, a request line with no end, a header block of 1 MB, a lying length, a broken chunk.
      expect(await raw(host, '\u0000\u00ff\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
      expect(await raw(host, `GET /${'a'.repeat(100_000)}`)).toMatch(/^HTTP\/1\.1 431/);
      expect(await raw(host, `GET / HTTP/1.1\r\n${hostLine}X: ${'a'.repeat(1_000_000)}\r\n\r\n`)).toMatch(
        /^HTTP\/1\.1 431/,
      );
      expect(
        await raw(
          host,
          `POST /api/meeting:list HTTP/1.1\r\n${hostLine}${auth}Content-Length: 1\r\nContent-Length: 2\r\n\r\n{}`,
        ),
      ).toMatch(/^HTTP\/1\.1 400/);
      expect(
        await raw(
          host,
          `POST /api/meeting:list HTTP/1.1\r\n${hostLine}${auth}Transfer-Encoding: chunked\r\n\r\nzz\r\n`,
        ),
      ).toMatch(/^HTTP\/1\.1 400/);
      await stillServes(host);

      // Uploads cut off half way, before and after the checks, known length and chunked.
      await raw(
        host,
        `POST /api/meeting:create HTTP/1.1\r\n${hostLine}${auth}Content-Length: 1000000\r\n\r\n{"title":"`,
      );
      await raw(host, `POST /api/meeting:create HTTP/1.1\r\n${hostLine}Content-Length: 1000000\r\n\r\n{"title":"`);
      await raw(
        host,
        `POST /api/meeting:create HTTP/1.1\r\n${hostLine}${auth}Transfer-Encoding: chunked\r\n\r\n5\r\n{"tit`,
      );
      await raw(host, `POST /api/meeting:create HTTP/1.1\r\n${hostLine}${auth}Content-Length: 40000000\r\n\r\nxx`);
      await stillServes(host);

      // A chunked body from our own page's credentials is read like any other.
      const chunked = await raw(
        host,
        `POST /api/meeting:list HTTP/1.1\r\n${hostLine}${auth}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
      );
      expect(chunked).toMatch(/^HTTP\/1\.1 200[\s\S]*"ok":true/);
      // Methods and upgrades nobody serves.
      expect((await request(host, '/api/meeting:list', { method: 'GET' })).status).toBe(405);
      expect((await request(host, '/', { method: 'DELETE' })).status).toBe(405);
      expect(
        await raw(host, `GET /api/events HTTP/1.1\r\n${hostLine}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`),
      ).not.toMatch(/^HTTP\/1\.1 101/);
      expect(await raw(host, `CONNECT 127.0.0.1:22 HTTP/1.1\r\n${hostLine}\r\n`)).not.toMatch(/^HTTP\/1\.1 200/);
      await stillServes(host);
    }));

  it('aborted uploads leave no unhandled rejection behind', () =>
    withHost(async (host) => {
      for (let i = 0; i < 20; i += 1) {
        const req = http.request(new URL('/api/roster:preview', host.origin), {
          method: 'POST',
          headers: { ...pageHeaders(host), 'Content-Length': String(10_000_000) },
        });
        req.on('error', () => undefined);
        req.write('{"fileName":"名册.csv","data":"' + 'A'.repeat(100_000));
        await new Promise((resolve) => setTimeout(resolve, 5));
        req.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      await stillServes(host);
    }));

  it('keeps the other windows’ calls flowing while many large uploads wait their turn', () =>
    withHost(async (host) => {
      const body = JSON.stringify({ title: 'x'.repeat(30 * 1024 * 1024) });
      const uploads = Array.from({ length: 6 }, () => post(host, 'meeting:create', body));
      let answered = 0;
      for (const upload of uploads) void upload.then(() => (answered += 1));
      await stillServes(host);
      // Not after all six: a small call needs no more than room in the budget, never a place behind them.
      expect(answered).toBeLessThan(uploads.length);
      for (const reply of await Promise.all(uploads)) expect(JSON.parse(reply.body).error.code).toBe('invalid_input');
    }));

  it('answers one keep-alive socket request after request, however many, and cuts off one that pipelines', async () => {
    const core = await coreWithCommunity();
    const staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'app.js'), 'x'.repeat(100_000));
    const host = await startHost({ core, staticDir, port: 0 });
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const sockets = new Set<unknown>();
      for (let i = 0; i < 50; i += 1) {
        const reply = await new Promise<number>((resolve, reject) =>
          http
            .get(new URL('/app.js', host.origin), { agent }, (res) => {
              sockets.add(res.socket);
              res.resume().on('end', () => resolve(res.statusCode!));
            })
            .on('error', reject),
        );
        expect(reply).toBe(200);
      }
      expect(sockets.size).toBe(1);
      agent.destroy();
      const port = new URL(host.origin).port;
      const answers = await raw(host, `GET /app.js HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`.repeat(100));
      expect(answers.match(/HTTP\/1\.1 200/g)!.length).toBeLessThanOrEqual(8);
      await stillServes(host);
    } finally {
      await host.close();
    }
  });

  it('lets a complete request in while more sockets than the cap trickle their headers and reopen when cut', () =>
    withHost(async (host) => {
      const port = Number(new URL(host.origin).port);
      let stop = false;
      const open = () => {
        if (stop) return;
        const socket = net.connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.on('connect', () => socket.write(`GET / HTTP/1.1\r\nHost: ${new URL(host.origin).host}\r\nX-a: `));
        const drip = setInterval(() => socket.writable && socket.write('a'), 1_000);
        socket.on('close', () => (clearInterval(drip), stop ? undefined : setTimeout(open, 20)));
        held.add(socket);
        socket.on('close', () => held.delete(socket));
      };
      const held = new Set<net.Socket>();
      for (let i = 0; i < 530; i += 1) open();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      try {
        for (let i = 0; i < 3; i += 1) {
          const started = Date.now();
          await stillServes(host);
          expect(Date.now() - started).toBeLessThan(2_000);
        }
      } finally {
        stop = true;
        for (const socket of held) socket.destroy();
      }
    }));

  it('closes a new connection that has not sent its first request’s headers within 10 s', () =>
    withHost(async (host) => {
      const port = Number(new URL(host.origin).port);
      const opened = Date.now();
      const lasted = await Promise.all(
        ['', `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-a: a`].map(
          (text) =>
            new Promise<number>((resolve) => {
              const socket = net.connect(port, '127.0.0.1');
              socket.on('error', () => undefined);
              socket.on('connect', () => socket.write(text));
              socket.on('close', () => resolve(Date.now() - opened));
            }),
        ),
      );
      for (const ms of lasted) expect(ms).toBeGreaterThan(9_000);
      for (const ms of lasted) expect(ms).toBeLessThan(15_000);
    }));

  it('at the cap, lets a complete request in by closing the oldest socket that leaves its answer unread', async () => {
    const core = await coreWithCommunity();
    const staticDir = tempDir();
    // Larger than the kernel's buffers for one loopback socket, so the answer stays in the host while unread.
    fs.writeFileSync(path.join(staticDir, 'big.js'), 'x'.repeat(8 * 1024 * 1024));
    const host = await startHost({ core, staticDir, port: 0 });
    const port = Number(new URL(host.origin).port);
    const unread = Array.from({ length: 520 }, () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.on(
        'connect',
        () => (socket.pause(), socket.write(`GET /big.js HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)),
      );
      return socket;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const started = Date.now();
      await stillServes(host);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of unread) socket.destroy();
      await host.close();
    }
  });

  it('answers a small call at once while slow 1 MiB uploads hold the room for bodies of their size', () =>
    withHost(async (host) => {
      const port = Number(new URL(host.origin).port);
      const head = (length: number) =>
        `POST /api/meeting:create HTTP/1.1\r\nHost: ${new URL(host.origin).host}\r\nOrigin: ${host.origin}\r\n` +
        `Authorization: Bearer ${host.token}\r\nContent-Length: ${length}\r\n\r\n{`;
      const slow = Array.from({ length: 12 }, () => {
        const socket = net.connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.on('connect', () => socket.write(head(1024 * 1024)));
        const drip = setInterval(() => socket.writable && socket.write(' '), 200);
        socket.on('close', () => clearInterval(drip));
        return socket;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      try {
        const started = Date.now();
        await stillServes(host);
        expect(Date.now() - started).toBeLessThan(1_000);
        // A chunked body starts small and moves to the large buffer once it grows past the small line.
        const title = 'x'.repeat(200_000);
        const body = JSON.stringify({ title });
        const hostLine = `Host: ${new URL(host.origin).host}\r\n`;
        const auth = `Origin: ${host.origin}\r\nAuthorization: Bearer ${host.token}\r\n`;
        const chunks = [body.slice(0, 50_000), body.slice(50_000, 120_000), body.slice(120_000)]
          .map((part) => `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`)
          .join('');
        const chunked = await raw(
          host,
          `POST /api/meeting:create HTTP/1.1\r\n${hostLine}${auth}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
          `${chunks}0\r\n\r\n`,
        );
        expect(chunked).toMatch(/^HTTP\/1\.1 400[\s\S]*"code":"invalid_input"/);
      } finally {
        for (const socket of slow) socket.destroy();
      }
    }));

  it('pushes meeting changes to GET /api/events?t=<token>, and refuses the stream without it', () =>
    withHost(async (host) => {
      for (const path of ['/api/events', '/api/events?t=wrong', `/api/events?t=${host.token}x`]) {
        expect((await request(host, path, {})).status, path).toBe(401);
      }
      const foreign = await request(host, `/api/events?t=${host.token}`, {
        headers: { Origin: 'http://evil.example' },
      });
      expect(foreign.status).toBe(403);
      const crossSite = await request(host, `/api/events?t=${host.token}`, {
        headers: { 'Sec-Fetch-Site': 'cross-site' },
      });
      expect(crossSite.status).toBe(403);

      const received = new Promise<string>((resolve) => {
        http.get(new URL(`/api/events?t=${host.token}`, host.origin), (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('data:')) {
              res.destroy();
              resolve(text);
            }
          });
          void post(host, 'meeting:create', JSON.stringify({ title: '议事会' }));
        });
      });
      expect(await received).toContain('data: {"type":"meeting:changed","id":1}');
    }));

  it('holds a bounded number of event streams, and a stream that never reads is cut off', () =>
    withHost(async (host, core) => {
      const sockets = await Promise.all(
        Array.from({ length: 40 }, () => {
          const socket = net.connect(Number(new URL(host.origin).port), '127.0.0.1');
          socket.on('error', () => undefined);
          socket.write(`GET /api/events?t=${host.token} HTTP/1.1\r\nHost: ${new URL(host.origin).host}\r\n\r\n`);
          return new Promise<{ socket: net.Socket; head: string }>((resolve) =>
            socket.once('data', (chunk) => resolve({ socket, head: chunk.toString() })),
          );
        }),
      );
      const statuses = sockets.map(({ head }) => head.slice(9, 12));
      expect(statuses.filter((s) => s === '200')).toHaveLength(32);
      expect(statuses.filter((s) => s === '503')).toHaveLength(8);
      for (const { socket } of sockets.slice(1)) socket.destroy();
      await stillServes(host);

      // The one left never reads: once the kernel's buffers are full, pushes pile up in the host until it is cut off.
      const asleep = sockets[0]!.socket;
      asleep.pause();
      let isCut = false;
      asleep.once('close', () => (isCut = true));
      let pushed = 0;
      while (!isCut && pushed < 3_000_000) {
        for (let i = 0; i < 20_000; i += 1) core.events.emit({ type: 'meeting:changed', id: pushed + i });
        pushed += 20_000;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(isCut, `still connected after ${pushed} pushes`).toBe(true);
      await stillServes(host);
    }));
});

describe('the body budget', () => {
  const never = new Promise<void>(() => undefined);
  const MiB = 1024 * 1024;
  const slot = (reserved: unknown) => reserved as Slot;

  it('reads one file at a time into its one buffer; a small call never waits behind a file', async () => {
    const budget = new BodyBudget(8 * MiB, 10);
    const first = slot(await budget.reserve(32 * MiB, never));
    const granted: string[] = [];
    const second = budget.reserve(20 * MiB, never).then((r) => (granted.push('second file'), slot(r)));
    const small = budget.reserve(1024, never).then((r) => (granted.push('small'), slot(r)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(granted).toEqual(['small']);
    expect((await small).buffer).toBeNull();
    first.release();
    const next = await second;
    expect(granted).toEqual(['small', 'second file']);
    // The same buffer, not a fresh 32 MiB: what a freed large buffer held mostly stays in the process.
    expect(next.buffer).toBe(first.buffer);
    expect(next.buffer!.length).toBe(32 * MiB);
  });

  it('lets bodies up to 1 MiB share their room, and no more, while small calls keep a lane of their own', async () => {
    const budget = new BodyBudget(1.5 * MiB, 10, 100 * 1024);
    const a = slot(await budget.reserve(MiB, never));
    const b = Promise.race([budget.reserve(MiB, never), Promise.resolve('waiting')]);
    expect(await b).toBe('waiting');
    const small = slot(await Promise.race([budget.reserve(60 * 1024, never), Promise.resolve('waiting')]));
    expect(small).not.toBe('waiting');
    expect(await Promise.race([budget.reserve(60 * 1024, never), Promise.resolve('waiting')])).toBe('waiting');
    small.release();
    a.release();
  });

  it('answers busy past its queue, and lets a client that left drop out of it', async () => {
    const budget = new BodyBudget(8 * MiB, 1);
    await budget.reserve(10 * MiB, never);
    let leave!: () => void;
    const waiting = budget.reserve(10 * MiB, new Promise<void>((resolve) => (leave = resolve)));
    expect(await budget.reserve(10 * MiB, never)).toBe('busy');
    leave();
    expect(await waiting).toBe('cancelled');
    // Its place in the queue is free again: the next one waits instead of being turned away.
    const next = await Promise.race([budget.reserve(10 * MiB, never), Promise.resolve('waiting')]);
    expect(next).toBe('waiting');
  });
});
