// npm start: the desktop app where Electron can run, otherwise the browser host — one command everywhere.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const binary = electronBinary();

// --open: the host opens its address (token included) in the browser, so nobody has to copy it.
const serveArgs = ['run', 'serve', '--', '--open', ...process.argv.slice(2)];
if (!binary) {
  console.log(
    '\n未能获取 Electron 程序（此机器无法联网下载），改为启动浏览器版：浏览器会自动打开；如果没有，请打开下面的完整地址。',
  );
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
