import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../electron/host/server';
import { auditCount, coreWithCommunity, tempDir } from './helpers';

type Reply = { status: number; body: string };

function request(host: Host, path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<Reply>((resolve, reject) => {
    const url = new URL(path, host.url);
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function withHost(
  test: (host: Host, origin: string, core: Awaited<ReturnType<typeof coreWithCommunity>>) => Promise<void>,
) {
  const core = await coreWithCommunity();
  const host = await startHost({ core, staticDir: tempDir(), port: 0 });
  try {
    await test(host, host.url.replace(/\/$/, ''), core);
  } finally {
    await host.close();
  }
}

const post = (host: Host, channel: string, body: string, headers: Record<string, string>) =>
  request(host, `/api/${channel}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

describe('the browser host', () => {
  it('answers POST /api/<channel> with the envelope', () =>
    withHost(async (host, origin) => {
      const reply = await post(host, 'meeting:create', JSON.stringify({ title: '议事会' }), { Origin: origin });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { title: '议事会', status: 'draft' } });
    }));

  it('refuses calls from another origin or without one, and writes nothing', () =>
    withHost(async (host, _origin, core) => {
      const before = auditCount(core);
      for (const headers of [{ Origin: 'http://evil.example' }, {}, { Origin: 'null' }] as Record<string, string>[]) {
        const reply = await post(host, 'meeting:create', JSON.stringify({ title: '议事会' }), headers);
        expect(reply.status).toBe(403);
        expect(JSON.parse(reply.body).error.code).toBe('forbidden');
      }
      expect(auditCount(core)).toBe(before);
    }));

  it('refuses a foreign Host header (DNS rebinding)', () =>
    withHost(async (host) => {
      const reply = await request(host, '/', { headers: { Host: 'evil.example:80' } });
      expect(reply.status).toBe(421);
    }));

  it('answers broken JSON and oversized bodies with a clear envelope', () =>
    withHost(async (host, origin) => {
      const broken = await post(host, 'meeting:create', '{"title":', { Origin: origin });
      expect(broken.status).toBe(400);
      expect(JSON.parse(broken.body).error).toEqual({ code: 'bad_json', message: '请求内容不是有效的 JSON。' });
      const huge = await post(host, 'meeting:create', JSON.stringify({ title: 'x'.repeat(33 * 1024 * 1024) }), {
        Origin: origin,
      });
      expect(huge.status).toBe(413);
      expect(JSON.parse(huge.body).error.code).toBe('payload_too_large');
    }));

  it('pushes meeting changes to GET /api/events', () =>
    withHost(async (host, origin) => {
      const received = new Promise<string>((resolve) => {
        http.get(new URL('/api/events', host.url), (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('data:')) {
              res.destroy();
              resolve(text);
            }
          });
          void post(host, 'meeting:create', JSON.stringify({ title: '议事会' }), { Origin: origin });
        });
      });
      expect(await received).toContain('data: {"type":"meeting:changed","id":1}');
    }));
});
