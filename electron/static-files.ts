import path from 'node:path';

/**
 * Map a request path onto a file inside `root`, or null when it would step outside it.
 * Shared by the app:// protocol and the browser host; pages without an extension get index.html.
 */
export function resolveStaticPath(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = path.extname(decoded) === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, relative);
  return full === root || full.startsWith(root + path.sep) ? full : null;
}
