import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledFonts } from './records/font-files';

/** Same folder Electron's app.getPath('userData') gives for productName 议事亭, so both hosts share one data file. */
export function defaultDataDir(): string {
  const name = '议事亭';
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', name);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), name);
}

/** The repository (or unpacked app) root, from this file's place in electron/. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const migrationsFolder = path.join(projectRoot, 'drizzle');
export const rendererDir = path.join(projectRoot, 'dist', 'renderer');

/** Where npm installed the bundled Noto Sans SC. */
export const fontPackageDir = path.join(projectRoot, 'node_modules', '@expo-google-fonts', 'noto-sans-sc');

/** What a core running from the repository needs besides its data folder (browser host, tests, bench). */
export const repositoryResources = { migrationsFolder, fonts: bundledFonts(fontPackageDir) };
