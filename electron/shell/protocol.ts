import fs from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { contentSecurityPolicy, mimeTypes } from '../csp';
import { resolveStaticPath } from '../static-files';
import { appHost, appScheme } from './navigation';

/** Must run before app 'ready': app:// behaves like https (secure context, fetch) for our pages. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serve the built renderer: GET only, our fixed host only, never a file outside rendererDir. */
export function serveApp(rendererDir: string): void {
  protocol.handle(appScheme, (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== appHost) return new Response('Forbidden', { status: 403 });
    const file = resolveStaticPath(rendererDir, url.pathname);
    if (!file || !fs.existsSync(file)) return new Response('Not Found', { status: 404 });
    return new Response(fs.readFileSync(file), {
      headers: {
        'Content-Type': mimeTypes[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
