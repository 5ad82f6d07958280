import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCore } from '../core';
import { defaultDataDir, repositoryResources, rendererDir } from '../paths';
import { startHost } from './server';

/** npm run serve -- [--data DIR] [--port N]: the app for any browser on this machine. */
const { values } = parseArgs({
  options: { data: { type: 'string' }, port: { type: 'string', default: '4710' } },
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

const dataDir = path.resolve(values.data ?? defaultDataDir());
// A browser tab cannot hand a link to the OS: the host prints it for the secretary to open.
const core = startCore({
  dataDir,
  ...repositoryResources,
  openExternal: (url) => console.log(`外部链接 / external link: ${url}`),
});
try {
  const host = await startHost({ core, staticDir: rendererDir, port });
  console.log(`议事亭已启动 / Yishiting is running: ${host.url}`);
  console.log(`数据目录 / data: ${dataDir}`);
  const stop = () => void host.close().then(() => (core.close(), process.exit(0)));
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
