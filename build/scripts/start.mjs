// npm start: the desktop app where Electron can run, otherwise the browser host — one command everywhere.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function electronBinary() {
  try {
    return require('electron'); // the path of the binary, or a throw when it was never downloaded
  } catch {
    return null;
  }
}

let binary = electronBinary();
if (!binary) {
  // npm install skips Electron's download (see allowScripts in package.json); fetch it now if we can.
  console.log('正在下载 Electron… / Downloading Electron…');
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore' });
  binary = electronBinary();
}

const serveArgs = ['run', 'serve', '--', ...process.argv.slice(2)];
if (!binary) {
  console.log('\n未能获取 Electron 程序（此机器无法联网下载），改为启动浏览器版：请在浏览器中打开下面的地址。');
  console.log(
    'Electron is not available on this machine (it cannot be downloaded); starting the browser host instead.\n',
  );
  process.exit(run(npm, serveArgs).status ?? 1);
}

for (const step of ['build:renderer', 'build:electron', 'electron:native']) {
  const result = run(npm, ['run', step]);
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.exit(run(binary, ['.']).status ?? 0);
