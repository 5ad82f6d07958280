import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../electron/static-files';

const root = path.resolve('dist', 'renderer');

describe('serving the renderer’s files', () => {
  it('maps pages to index.html and assets to their file', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/projector')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index.js')).toBe(path.join(root, 'assets', 'index.js'));
  });
  it.each([
    '/../package.json',
    '/assets/../../electron/core.ts',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%5c..%5cwindows.ini',
    '/a%00.js',
    '/%E0%A4%A.js',
  ])('never leaves the folder for %s', (request) => {
    const resolved = resolveStaticPath(root, request);
    expect(resolved === null || resolved.startsWith(root + path.sep)).toBe(true);
  });
});
