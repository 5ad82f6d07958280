import type { BuildOptions } from 'esbuild';

/**
 * The code Electron runs, as `npm run build:electron` bundles it: all CommonJS (a sandboxed preload can only be
 * CommonJS, and the main and worker bundles are loaded with require). The stand-in tests and the Electron-runtime
 * inventory read the same list, so each bundle (the utilityProcess worker too) is covered.
 */
export const shellBundles = {
  main: {
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist-electron/main.cjs',
    // node_modules ship inside the app as they are (native addons included); only our code is bundled.
    packages: 'external',
  },
  // The utilityProcess that does the heavy work (electron/shell/utility-work.ts); packages load as in main.
  worker: {
    entryPoints: ['electron/work/worker.ts'],
    outfile: 'dist-electron/worker.cjs',
    packages: 'external',
  },
  // A sandboxed preload may require only 'electron': everything else is bundled in.
  preload: {
    entryPoints: ['electron/shell/preload.ts'],
    outfile: 'dist-electron/preload.cjs',
    external: ['electron'],
    minify: true,
  },
} satisfies Record<string, BuildOptions>;

export const bundleDefaults = {
  bundle: true,
  platform: 'node',
  // Electron 41 runs Node 24.
  target: 'node24',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
} satisfies BuildOptions;
