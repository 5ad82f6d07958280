import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Open the session address in the secretary's browser without putting the token on a command line, where any
 * user of the computer can read it (/proc/<pid>/cmdline): the opener gets a file only we can read, and the file
 * sends the browser on. Best effort — without an opener, the printed address is the way in. Answers a cleanup.
 */
export function openInBrowser(url: string): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishiting-open-'));
  const file = path.join(dir, 'open.html');
  fs.writeFileSync(file, launcherPage(url), { mode: 0o600 });
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', file]]
      : [process.platform === 'darwin' ? 'open' : 'xdg-open', [file]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this system: the address printed above is enough.
  }
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  // The browser reads the file at once; it need not outlive the first minute.
  setTimeout(cleanup, 60_000).unref();
  return cleanup;
}

/** A page that sends the browser on to `url` at once, telling nobody where it came from. */
export function launcherPage(url: string): string {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
    `<meta http-equiv="refresh" content="0;url=${escaped}"><title>议事亭</title>`
  );
}
