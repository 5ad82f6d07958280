import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCore } from '../core';
import { threadWork } from '../work/work';
import { defaultDataDir, repositoryResources, rendererDir } from '../paths';
import { openInBrowser } from './open-browser';
import { startHost } from './server';

/** npm run serve -- [--data DIR] [--port N] [--open]: the app for any browser on this machine. */
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '4710' },
    open: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效 / invalid port: ${values.port}`);
  process.exit(2);
}
if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
  console.error('界面尚未构建，请先运行 npm run build:renderer / The UI is not built yet: run npm run build:renderer');
  process.exit(2);
}

// A request must never take the host down; should one slip past every guard, it is logged, and the host serves on.
process.on('unhandledRejection', (reason) => console.error('[yishiting] unhandled rejection', reason));

const dataDir = path.resolve(values.data ?? defaultDataDir());
// A browser tab cannot hand a link to the OS: the host prints it for the secretary to open.
// Records are drawn, uploads read and backups taken in a worker thread: the projector's calls never wait for them.
const work = threadWork(fileURLToPath(new URL('../work/thread.mjs', import.meta.url)));
const core = startCore({
  dataDir,
  ...repositoryResources,
  // Scripts and tests hand the data passphrase over here; a person types it on the first screen instead.
  passphrase: process.env.YISHITING_PASSPHRASE || undefined,
  work,
  openExternal: (url) => console.log(`外部链接 / external link: ${url}`),
});
try {
  const host = await startHost({ core, staticDir: rendererDir, port });
  console.log(`议事亭已启动 / Yishiting is running: ${host.url}`);
  console.log(
    '请用浏览器打开上面的完整网址（其中含本次启动的访问码）/ Open the full address above (it holds this start’s access code)',
  );
  console.log(`数据目录 / data: ${dataDir}`);
  const cleanup = values.open ? openInBrowser(host.url) : () => undefined;
  const stop = () => void host.close().then(() => (cleanup(), core.close(), void work.close(), process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  core.close();
  const inUse = (error as { code?: string }).code === 'EADDRINUSE';
  console.error(
    inUse ? `端口 ${port} 已被占用，请用 --port 换一个 / port ${port} is in use: pick another with --port` : error,
  );
  process.exit(1);
}
