// Where Electron's binary is, downloading it first if we can (npm install skips that: allowScripts in package.json).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function installed() {
  try {
    return require('electron'); // the binary's path, or a throw when it was never downloaded
  } catch {
    return null;
  }
}

/** The path of the Electron binary, or null where it cannot be had (no internet, like this project's CI). */
export function electronBinary() {
  const found = installed();
  if (found) return found;
  console.log('正在下载 Electron… / Downloading Electron…');
  // ELECTRON_SKIP_BINARY_DOWNLOAD (set for offline installs) would make the installer do nothing.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore', env, timeout: 300_000 });
  return installed();
}
