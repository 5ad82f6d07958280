// Bundle the shell for Electron (the list and its reasons: build/shell-bundles.ts).
import { build } from 'esbuild';
import { bundleDefaults, shellBundles } from '../shell-bundles.ts';

for (const bundle of Object.values(shellBundles)) await build({ ...bundleDefaults, ...bundle });
console.log(
  Object.values(shellBundles)
    .map((bundle) => bundle.outfile)
    .join(', '),
);
