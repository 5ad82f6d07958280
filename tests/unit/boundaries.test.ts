import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => path.join(dir, file));
}

const importsOf = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
const nodeModule = /^(node:|fs$|path$|os$|crypto$|child_process$|http$|url$|util$|better-sqlite3$|drizzle-orm)/;

// ESLint enforces the same; this test also catches DOM globals in shared/ and runs without the linter.
describe('the house’s boundaries', () => {
  it('keeps shared/ pure', () => {
    for (const file of sources('shared')) {
      for (const spec of importsOf(file)) {
        expect(
          nodeModule.test(spec) || /^(electron|react)/.test(spec) || /\/(electron|renderer)\//.test(spec),
          `${file}: ${spec}`,
        ).toBe(false);
      }
      const code = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(/\b(window|document|localStorage)\./.test(code), `${file} uses the DOM`).toBe(false);
    }
  });

  it('keeps renderer/ away from Node, Electron and the main side', () => {
    for (const file of sources('renderer')) {
      for (const spec of importsOf(file)) {
        expect(nodeModule.test(spec) || spec === 'electron' || spec.includes('/electron/'), `${file}: ${spec}`).toBe(
          false,
        );
      }
    }
  });

  it('lets only the shell import electron', () => {
    for (const file of [...sources('electron'), ...sources('shared'), ...sources('renderer')]) {
      if (file.startsWith(path.join('electron', 'shell'))) continue;
      expect(importsOf(file).includes('electron'), file).toBe(false);
    }
  });
});
