import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, safeStorage, session } from 'electron';
import { startCore, type Core } from '../core';
import { bundledFonts } from '../records/font-files';
import { bindContract } from './ipc';
import { registerAppScheme, serveApp } from './protocol';
import { hardenContents, hardenSession, openExternal } from './security';
import { createMainWindow, openProjectorWindow } from './windows';

// dist-electron/main.cjs sits one level below the app root, in the repository and inside app.asar alike.
const root = path.join(__dirname, '..');
const resources = app.isPackaged ? process.resourcesPath : root;
// `npm run electron:native` builds better-sqlite3 for Electron's ABI here, apart from the Node build tests use.
const devBinding = path.join(root, '.electron-native', 'better_sqlite3.node');

let core: Core | null = null;
const windows = () => BrowserWindow.getAllWindows();

registerAppScheme();
app.on('web-contents-created', (_event, contents) =>
  hardenContents(contents, (url) => openProjectorWindow(__dirname, url)),
);

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  serveApp(path.join(root, 'dist', 'renderer'));
  core = startCore({
    dataDir: app.getPath('userData'),
    migrationsFolder: path.join(resources, 'drizzle'),
    // Installers copy the font package's TTFs to resources/fonts (electron-builder.yml extraResources).
    fonts: bundledFonts(
      app.isPackaged ? path.join(resources, 'fonts') : path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc'),
    ),
    nativeBinding: !app.isPackaged && fs.existsSync(devBinding) ? devBinding : undefined,
    // The signing key is sealed by the OS keychain / DPAPI when it is there; else a passphrase protects it.
    keyProtection: safeStorage.isEncryptionAvailable()
      ? {
          encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
          decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
        }
      : undefined,
    openExternal,
  });
  bindContract(core, windows);
  createMainWindow(__dirname);
  app.on('activate', () => windows().length === 0 && createMainWindow(__dirname));
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => core?.close());
