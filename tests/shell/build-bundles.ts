import { execFileSync } from 'node:child_process';

/**
 * The stand-in tests run the built app, so build it first, exactly as `npm start` and the installers do
 * (~2 s): the renderer that app:// serves and the two shell bundles.
 */
export default function setup(): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  for (const step of ['build:renderer', 'build:electron']) {
    try {
      execFileSync(npm, ['run', '--silent', step], { stdio: 'pipe', shell: process.platform === 'win32' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`npm run ${step} failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`, {
        cause: error,
      });
    }
  }
}
