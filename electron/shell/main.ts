import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, session, type OpenDialogOptions } from 'electron';
import type { Locale } from '../../shared/locale';
import { startCore, type Core } from '../core';
import { bundledFonts } from '../records/font-files';
import { saveDownloadsWithDialog } from './downloads';
import { bindContract, eventChannel } from './ipc';
import { osKeyProtection } from './key-protection';
import { menuTemplate } from './menu';
import { electronBinding } from './native-binding';
import { openableExtensions } from '../../shared/app-files';
import { filesInArgv, openedFiles } from './opened-files';
import { registerAppScheme, serveApp } from './protocol';
import { hardenContents, hardenSession, openExternal } from './security';
import { loadShellState, saveShellState } from './shell-state';
import { shellTexts } from './texts';
import { utilityWork } from './utility-work';
import { createMainWindow, openProjectorWindow } from './windows';

// dist-electron/main.cjs sits one level below the app root, in the repository and inside app.asar alike.
const root = path.join(__dirname, '..');
const resources = app.isPackaged ? process.resourcesPath : root;

// One running app per user: a second start (a double-clicked file) hands its command line to the first and
// ends, so two processes never write the same data file.
if (app.requestSingleInstanceLock()) start();
else app.quit();

function start(): void {
  let core: Core | null = null;
  let unbind: () => void = () => undefined;
  let mainWindow: BrowserWindow | null = null;
  let locale: Locale = 'zh-CN';
  const windows = () => BrowserWindow.getAllWindows();
  const dataDir = () => app.getPath('userData');
  // Records, uploads and backups are worked on in a utilityProcess: the windows' calls never wait for them.
  const work = utilityWork(path.join(__dirname, 'worker.cjs'));

  const showMainWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      if (app.isReady()) mainWindow = createMainWindow(__dirname, dataDir());
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };
  const files = openedFiles(() => {
    showMainWindow();
    mainWindow?.webContents.send(eventChannel, { type: 'files:opened' });
  });

  registerAppScheme();
  app.on('web-contents-created', (_event, contents) =>
    hardenContents(contents, (url) => openProjectorWindow(__dirname, url)),
  );
  app.on('second-instance', (_event, argv, workingDirectory) => {
    showMainWindow();
    files.add(filesInArgv(argv, workingDirectory));
  });
  // macOS: a double-click, or a file dropped on the Dock icon; may come before ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    files.add([file]);
  });

  const applyMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(menuTemplate(shellTexts(locale), { openFile, about }, process.platform, !app.isPackaged)),
    );
  async function openFile() {
    const t = shellTexts(locale);
    const options: OpenDialogOptions = {
      title: t.openTitle,
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: t.openFilter, extensions: openableExtensions }],
    };
    const picked = await (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options));
    if (!picked.canceled) files.add(picked.filePaths);
  }
  function about() {
    const t = shellTexts(locale);
    void dialog.showMessageBox({
      type: 'info',
      title: t.about,
      message: t.appName,
      detail: t.aboutDetail.replace('{version}', app.getVersion()),
    });
  }

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    saveDownloadsWithDialog(
      session.defaultSession,
      {
        get: () => loadShellState(dataDir()).saveFolder ?? app.getPath('documents'),
        set: (folder) => saveShellState(dataDir(), { saveFolder: folder }),
      },
      () => shellTexts(locale).saveTitle,
    );
    serveApp(path.join(root, 'dist', 'renderer'));
    core = startCore({
      dataDir: dataDir(),
      migrationsFolder: path.join(resources, 'drizzle'),
      // Installers copy the font package's TTFs to resources/fonts (electron-builder.yml extraResources).
      fonts: bundledFonts(
        app.isPackaged
          ? path.join(resources, 'fonts')
          : path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc'),
      ),
      // An installed app's node_modules hold electron-builder's Electron build; a checkout uses electron:native's.
      nativeBinding: app.isPackaged ? undefined : electronBinding(root, process.versions.electron),
      // The signing key is sealed by the OS keychain / DPAPI when it is really there; else a passphrase protects it.
      keyProtection: osKeyProtection(),
      openExternal,
      openedFiles: files.take,
      work,
    });
    unbind = bindContract(core, windows);
    const status = await core.guard('app:status', {}, { trusted: true });
    if (status.ok) locale = (status.value as { locale: Locale }).locale;
    core.events.on((event) => {
      if (event.type !== 'locale:changed') return;
      locale = event.locale;
      applyMenu();
    });
    applyMenu();
    mainWindow = createMainWindow(__dirname, dataDir());
    files.add(filesInArgv(process.argv, process.cwd()));
    app.on('activate', () => windows().length === 0 && showMainWindow());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // A call arriving while the app quits finds no handler rather than a closed database.
  app.on('will-quit', () => {
    unbind();
    core?.close();
    void work.close();
  });
}
