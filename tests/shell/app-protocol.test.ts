import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/csp';
import { quit, runningShell } from './load-shell';

let running: Awaited<ReturnType<typeof runningShell>>;
beforeAll(async () => {
  running = await runningShell();
});
afterAll(() => quit(running.fake));

const fetchApp = (url: string, init?: RequestInit) =>
  Promise.resolve(running.fake.protocolHandlers.get('app')!(new Request(url, init)));
const renderer = path.resolve('dist/renderer');
const secret = fs.readFileSync('package.json', 'utf8');

describe('app:// serves the built renderer and nothing else', () => {
  it('serves index.html with the strict CSP, for the page and for any route without an extension', async () => {
    for (const url of ['app://yishiting/index.html', 'app://yishiting/', 'app://yishiting/meetings/3']) {
      const response = await fetchApp(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(fs.readFileSync(path.join(renderer, 'index.html'), 'utf8'));
    }
  });

  it('serves the built scripts with their type and the CSP', async () => {
    const script = fs.readdirSync(path.join(renderer, 'assets')).find((file) => file.endsWith('.js'))!;
    const response = await fetchApp(`app://yishiting/assets/${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  it.each([
    'app://yishiting/..%2f..%2fpackage.json',
    'app://yishiting/%2e%2e/%2e%2e/package.json',
    'app://yishiting/assets/..%2F..%2F..%2Fpackage.json',
    'app://yishiting/..%5c..%5cpackage.json',
    'app://yishiting/%2fwork%2fpackage.json',
    'app://yishiting/index.html%00.png',
    'app://yishiting/%E0%A4%A.js',
  ])('refuses to step outside the renderer: %s', async (url) => {
    const response = await fetchApp(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain(secret.slice(0, 40));
  });

  it.each(['app://evil/index.html', 'app://yishiting.evil.example/index.html', 'app://localhost/index.html'])(
    'refuses another host: %s',
    async (url) => expect((await fetchApp(url)).status).toBe(403),
  );

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'])('refuses %s', async (method) => {
    const body = method === 'HEAD' ? undefined : 'x';
    expect((await fetchApp('app://yishiting/index.html', { method, body })).status).toBe(403);
  });
});
