// Bundle the shell for Electron: main process and sandboxed preload, both CommonJS.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['electron/shell/main.ts'],
  outfile: 'dist-electron/main.cjs',
  // node_modules ship inside the app as they are (native addons included); only our code is bundled.
  packages: 'external',
});
// A sandboxed preload may require only 'electron': everything else is bundled in.
await build({
  ...common,
  entryPoints: ['electron/shell/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  external: ['electron'],
  minify: true,
});
console.log('dist-electron/main.cjs, dist-electron/preload.cjs');
