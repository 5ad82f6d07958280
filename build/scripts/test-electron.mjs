// npm run test:electron: the real desktop app under Playwright's _electron (tests/electron/), on machines that
// can download Electron. Where it cannot be had, say so plainly and run nothing: no test is counted.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!electronBinary()) {
  console.error(
    [
      '',
      '未运行 Electron 测试：这台电脑上没有 Electron 程序，也下载不到（它来自 github.com）。没有任何测试被计为通过。',
      'Electron tests NOT RUN: the Electron binary is not installed and could not be downloaded (it comes from',
      'github.com). Nothing was tested and nothing is counted as passed. Run `npm run test:electron` on a machine',
      'with internet; here, `npm test` covers the shell under a stand-in Electron (tests/shell/).',
      '',
    ].join('\n'),
  );
  process.exit(2);
}

// The app exactly as `npm start` builds it, better-sqlite3 included (its Electron build needs Electron's headers).
for (const step of ['build:renderer', 'build:electron', 'electron:native']) {
  const result = run(npm, ['run', step]);
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const tests = ['playwright', 'test', '-c', 'playwright.electron.config.ts', ...process.argv.slice(2)];
// A Linux machine without a desktop (CI) gets a virtual screen.
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const [command, args] = headless ? ['xvfb-run', ['-a', npx, ...tests]] : [npx, tests];
process.exit(run(command, args).status ?? 1);
