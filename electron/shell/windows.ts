import path from 'node:path';
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import { appOrigin } from './navigation';
import { loadShellState, mainWindowSize, placeMainWindow, saveShellState } from './shell-state';

/**
 * Every window of ours is made here, with the locked-down preferences of ARCHITECTURE.md's checklist written
 * out literally so that electronegativity can see them.
 */
function secureWindow(shellDir: string, options: BrowserWindowConstructorOptions): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // The preload exposes one function per contract channel and nothing else (see preload.ts).
      preload: path.join(shellDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Middle-click would otherwise open links in a new window, bypassing will-navigate.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** The main window, where it was last time (if that is still on a screen). */
export function createMainWindow(shellDir: string, dataDir: string): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  const placed = placeMainWindow(
    loadShellState(dataDir).window,
    [primary, ...others].map((display) => display.workArea),
  );
  const window = secureWindow(shellDir, {
    ...placed.bounds,
    minWidth: mainWindowSize.minWidth,
    minHeight: mainWindowSize.minHeight,
    title: '议事亭',
    show: false,
  });
  if (placed.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () =>
    saveShellState(dataDir, { window: { bounds: window.getNormalBounds(), maximized: window.isMaximized() } }),
  );
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

let projector: BrowserWindow | null = null;

/** 投屏: full screen on the second display when there is one (the projector or TV), else a window. */
export function openProjectorWindow(shellDir: string, url: string): void {
  const external = screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id);
  if (projector && !projector.isDestroyed()) {
    void projector.loadURL(url);
    projector.focus();
    return;
  }
  const bounds = (external ?? screen.getPrimaryDisplay()).bounds;
  projector = secureWindow(shellDir, {
    x: bounds.x,
    y: bounds.y,
    width: Math.min(1920, bounds.width),
    height: Math.min(1080, bounds.height),
    fullscreen: external !== undefined,
    autoHideMenuBar: true,
    backgroundColor: '#0b1220',
    title: '议事亭 · 投屏',
  });
  void projector.loadURL(url);
}
