import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach } from 'vitest';
import {
  createFakeElectron,
  fakeEvent,
  type Fake,
  type FakeElectron,
  type FakeOptions,
  type FakeWindow,
} from './fake-electron';

const require = createRequire(import.meta.url);
export const builtMain = path.resolve('dist-electron/main.cjs');

/**
 * Start the built shell (dist-electron/main.cjs, exactly what Electron would run) with the stand-in as its
 * `electron` module: Node resolves `require('electron')` from the bundle to node_modules/electron, whose cache
 * entry is the fake. Each call is a fresh app (the bundle is loaded again); the packages it requires are shared.
 */
export function startShell(options: Partial<FakeOptions> = {}): FakeElectron & { userData: string } {
  if (!fs.existsSync(builtMain)) throw new Error('dist-electron/main.cjs is missing: run npm run build:electron');
  const userData = options.userData ?? fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-shell-'));
  const fake = createFakeElectron({ ...options, userData });
  const electronPath = require.resolve('electron');
  require.cache[electronPath] = {
    id: electronPath,
    filename: electronPath,
    loaded: true,
    exports: fake.electron,
  } as NodeJS.Module;
  // A fresh copy of the bundle, as a new process would load it.
  Reflect.deleteProperty(require.cache, builtMain);
  require(builtMain);
  return Object.assign(fake, { userData });
}

type RendererListener = (event: Electron.IpcRendererEvent, ...args: unknown[]) => void;

export type Bridge = Record<string, (input?: unknown) => Promise<unknown>>;

/**
 * Run a window's preload as Electron's sandbox does: a CommonJS function whose `require` knows only 'electron'
 * (and gives the sandboxed renderer half of it), in a context with no Node globals. An ES module, a require of
 * anything else or a reach for Node fails here as it would in the app. Returns what it exposed to the page.
 */
export function loadPreload(fake: FakeElectron, window: FakeWindow, frame = window.webContents.mainFrame) {
  const file = window.options.webPreferences?.preload;
  if (!file) throw new Error('the window has no preload');
  const exposed = new Map<string, unknown>();
  const required: string[] = [];
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
      exposed.set(key, api);
    },
  } satisfies Fake<Electron.ContextBridge>;
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = fake.ipcHandlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      const event = fakeEvent({
        sender: window.webContents,
        senderFrame: frame,
        frameId: frame.routingId,
        processId: frame.processId,
        type: 'frame' as const,
      });
      // What crosses IPC is structured-cloned, as Electron does.
      return structuredClone(await handler(event as unknown as Electron.IpcMainInvokeEvent, ...structuredClone(args)));
    },
    on: (channel: string, listener: RendererListener): unknown => {
      window.webContents.renderer.on(channel, listener);
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: RendererListener): unknown => {
      window.webContents.renderer.removeListener(channel, listener);
      return ipcRenderer;
    },
  } satisfies Fake<Electron.IpcRenderer>;
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${name}`);
  };
  const source = fs.readFileSync(file, 'utf8');
  const module = { exports: {} };
  const wrapper = vm.runInNewContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    setTimeout,
    clearTimeout,
    queueMicrotask,
  }) as (...args: unknown[]) => void;
  wrapper(module.exports, sandboxRequire, module, file, path.dirname(file));
  return { exposed, required, bridge: exposed.get('yishi') as Bridge };
}

/** Wait for something the shell does after an await (the main window, a pushed event). */
export async function until<T>(probe: () => T | undefined | null | false, what = 'the shell'): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The built shell, started and ready, with its main window open and its preload run. */
export async function runningShell(options: Partial<FakeOptions> = {}) {
  const fake = startShell(options);
  await fake.ready();
  const main = await until(() => fake.windows()[0], 'the main window');
  const page = loadPreload(fake, main);
  return { fake, main, bridge: page.bridge, page };
}

/** Quit as the user would (the window's close button / 退出), then remove the data folder. */
export function quit(fake: FakeElectron & { userData: string }): void {
  fake.electron.app.quit();
  fs.rmSync(fake.userData, { recursive: true, force: true });
}

/** The shells a test file starts: each is quit and its data folder removed after its test. */
export function shellsPerTest() {
  const started: ReturnType<typeof startShell>[] = [];
  afterEach(() => {
    for (const fake of started.splice(0)) quit(fake);
  });
  return {
    start(options: Partial<FakeOptions> = {}) {
      const fake = startShell(options);
      started.push(fake);
      return fake;
    },
    async run(options: Partial<FakeOptions> = {}) {
      const running = await runningShell(options);
      started.push(running.fake);
      return running;
    },
  };
}
