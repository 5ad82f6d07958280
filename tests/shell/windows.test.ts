import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeMainWindow } from '../../electron/shell/shell-state';
import type { FakeWindow } from './fake-electron';
import { loadPreload, shellsPerTest, until } from './load-shell';

const shell = shellsPerTest().run;

const projectorUrl = 'app://yishiting/index.html#/projector/1';
function openProjector(main: FakeWindow) {
  return main.webContents.openHandler!({ url: projectorUrl } as Electron.HandlerDetails);
}

const laptop = { x: 0, y: 0, width: 1366, height: 768 };
const projectorScreen = { x: 1366, y: 0, width: 1920, height: 1080 };

describe('every window holds the security checklist', () => {
  it('main and projector: context isolation, sandbox, no Node, web security, no webview, a CommonJS preload', async () => {
    const { fake, main } = await shell({ displays: [laptop, projectorScreen] });
    openProjector(main);
    const windows = await until(() => fake.windows().length === 2 && fake.windows(), 'the projector window');
    for (const window of windows) {
      const preferences = window.options.webPreferences!;
      expect(preferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        allowRunningInsecureContent: false,
      });
      for (const risky of ['nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'experimentalFeatures']) {
        expect(preferences, risky).not.toHaveProperty(risky, true);
      }
      expect(preferences.enableBlinkFeatures).toBeUndefined();
      // package.json says "type": "module": only a .cjs file is CommonJS, which a sandboxed preload must be.
      expect(path.extname(preferences.preload!)).toBe('.cjs');
      expect(fs.existsSync(preferences.preload!)).toBe(true);
      expect(loadPreload(fake, window).required).toEqual(['electron']);
    }
  });
});

describe('the projector window', () => {
  it('opens full screen on the second display when there is one', async () => {
    const { fake, main } = await shell({ displays: [laptop, projectorScreen] });
    expect(openProjector(main)).toEqual({ action: 'deny' });
    const projector = await until(() => fake.windows()[1], 'the projector window');
    expect(projector.isFullScreen()).toBe(true);
    expect(projector.getBounds()).toMatchObject({ x: 1366, y: 0, width: 1920, height: 1080 });
    expect(projector.webContents.getURL()).toBe(projectorUrl);
    expect(main.isFullScreen()).toBe(false);
  });

  it('opens as a window on a laptop alone, and a second request reuses it', async () => {
    const { fake, main } = await shell({ displays: [laptop] });
    openProjector(main);
    const projector = await until(() => fake.windows()[1], 'the projector window');
    expect(projector.isFullScreen()).toBe(false);
    main.webContents.openHandler!({ url: 'app://yishiting/index.html#/projector/2' } as Electron.HandlerDetails);
    expect(fake.windows()).toHaveLength(2);
    expect(projector.webContents.getURL()).toBe('app://yishiting/index.html#/projector/2');
  });
});

describe('the main window remembers where it was', () => {
  it('opens at the size and place it was closed at, maximized if it was', async () => {
    const first = await shell({ displays: [laptop, projectorScreen] });
    first.main.setBounds({ x: 1500, y: 100, width: 1200, height: 800 });
    first.main.maximize();
    first.fake.electron.app.quit();

    const { main } = await shell({ userData: first.fake.userData, displays: [laptop, projectorScreen] });
    expect(main.getBounds()).toEqual({ x: 1500, y: 100, width: 1200, height: 800 });
    expect(main.isMaximized()).toBe(true);
  });

  it('comes back on screen when the monitor it was on is gone', async () => {
    const first = await shell({ displays: [laptop, projectorScreen] });
    first.main.setBounds({ x: 1500, y: 100, width: 1200, height: 800 });
    first.fake.electron.app.quit();

    const { main } = await shell({ userData: first.fake.userData, displays: [laptop] });
    const { x, y, width, height } = main.getBounds();
    expect(x + width).toBeLessThanOrEqual(laptop.width);
    expect(y + height).toBeLessThanOrEqual(laptop.height);
    expect(width).toBeGreaterThanOrEqual(960);
  });

  it('fits a saved size to a smaller screen and ignores nonsense', () => {
    const work = [{ x: 0, y: 0, width: 1366, height: 728 }];
    expect(placeMainWindow({ bounds: { x: 10, y: 10, width: 3000, height: 2000 }, maximized: false }, work)).toEqual({
      bounds: { x: 0, y: 0, width: 1366, height: 728 },
      maximized: false,
    });
    const fallback = { bounds: { width: 1280, height: 728 }, maximized: false };
    expect(placeMainWindow(undefined, work)).toEqual(fallback);
    expect(placeMainWindow({ bounds: { x: Number.NaN } } as never, work)).toEqual(fallback);
    expect(placeMainWindow({ bounds: { x: -5000, y: 0, width: 800, height: 600 }, maximized: true }, work)).toEqual(
      fallback,
    );
  });
});
