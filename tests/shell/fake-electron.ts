/// <reference types="electron" />
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A stand-in for exactly the part of Electron the shell uses, faithful to the rules Electron enforces (a
 * privileged scheme only before `ready`, windows and sessions only after, one handler per IPC channel, the quit
 * sequence). Every member is checked against Electron's own electron.d.ts: a renamed method or a changed
 * parameter there fails the type check here, instead of leaving the fake quietly out of date.
 */

/** Electron's member names and parameter types, all the way down; a fake may return its own objects. */
export type Fake<T> = { [K in Exclude<keyof T, 'prototype'>]?: FakeValue<T[K]> };
type FakeValue<V> = V extends (...args: infer A) => unknown ? (...args: A) => unknown : V extends object ? Fake<V> : V;

export type FakeOptions = {
  userData: string;
  /** Display bounds, primary first (each gets a 40 px task bar off its work area). */
  displays?: Electron.Rectangle[];
  /** What requestSingleInstanceLock answers: false when another instance already runs. */
  singleInstance?: boolean;
  /** Linux safeStorage backend; `basic_text` is the hard-coded key used without a keyring. */
  storageBackend?: ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;
};

export type FakeEvent = Electron.Event & { defaultPrevented: boolean };

export function fakeEvent<P extends object>(params?: P): FakeEvent & P {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...params,
  };
  return event as FakeEvent & P;
}

/** A download as Electron announces it in `will-download`: the shell sets its save dialog, the OS picks a path. */
export class FakeDownloadItem extends EventEmitter implements Fake<Electron.DownloadItem> {
  dialogOptions: Electron.SaveDialogOptions | null = null;
  savePath = '';
  constructor(
    private readonly url: string,
    private readonly filename: string,
  ) {
    super();
  }
  getURL() {
    return this.url;
  }
  getFilename() {
    return this.filename;
  }
  setSaveDialogOptions(options: Electron.SaveDialogOptions) {
    this.dialogOptions = options;
  }
  getSavePath() {
    return this.savePath;
  }
  /** The secretary chose a path in the dialog and the file was written. */
  finish(savePath: string) {
    this.savePath = savePath;
    this.emit('done', fakeEvent(), 'completed');
  }
}

/** Run first in a forked child: makes the `process.parentPort` Electron gives a utility process. */
const parentPortShim = fileURLToPath(new URL('./parent-port.mjs', import.meta.url));

/**
 * A utilityProcess as Electron forks it: a real child process running the module, so a crash is a real one. Its
 * messages are structured clones both ways (child_process's advanced serialization is V8's, like Electron's),
 * and the child sees `process.parentPort` with messages wrapped as `{ data }`, as in Electron.
 */
export class FakeUtilityProcess extends EventEmitter implements Fake<Electron.UtilityProcess> {
  pid: number | undefined = undefined;
  /** What the main process posted to it, in order. */
  readonly received: unknown[] = [];
  private readonly child: ChildProcess;
  private dieOnNextMessage = false;
  constructor(
    readonly modulePath: string,
    args: string[],
    readonly options: Electron.ForkOptions,
  ) {
    super();
    this.child = fork(modulePath, args, {
      cwd: options.cwd,
      env: (options.env as NodeJS.ProcessEnv | undefined) ?? process.env,
      execArgv: ['--import', parentPortShim, ...(options.execArgv ?? [])],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('spawn', () => {
      this.pid = this.child.pid;
      this.emit('spawn');
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code) => {
      // Electron reports the waitpid status as a number, a killed process included.
      this.emit('exit', code ?? 1);
      this.pid = undefined;
    });
  }
  postMessage(message: unknown) {
    this.received.push(message);
    this.child.send(message as object);
    if (this.dieOnNextMessage) this.child.kill('SIGKILL');
  }
  kill() {
    return this.child.kill();
  }
  /** The next message is delivered and the process is killed at once, while that job runs. */
  crashOnNextMessage() {
    this.dieOnNextMessage = true;
  }
}

export type FakeFrame = {
  url: string;
  parent: FakeFrame | null;
  detached: boolean;
  processId: number;
  routingId: number;
  origin: string;
};

let nextId = 1;

export function createFakeElectron(options: FakeOptions) {
  /** What the shell did, in order: the start-up sequence is asserted from this. */
  const log: string[] = [];
  let ready = false;
  let resolveReady: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));
  const requireReady = (what: string) => {
    if (!ready) throw new Error(`${what} cannot be used before the app is ready`);
  };

  const appEvents = new EventEmitter();
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => {
      log.push('app.requestSingleInstanceLock');
      return options.singleInstance ?? true;
    },
    isReady: () => ready,
    whenReady: () => whenReady,
    getPath: (name: Parameters<Electron.App['getPath']>[0]) => {
      if (name === 'userData') return options.userData;
      if (name === 'documents') return path.join(options.userData, 'Documents');
      return path.join(os.tmpdir(), name);
    },
    getVersion: () => '0.1.0',
    on: (event: string, listener: (...args: never[]) => void): unknown => {
      appEvents.on(event, listener as (...args: unknown[]) => void);
      return app;
    },
    once: (event: string, listener: (...args: never[]) => void): unknown => {
      appEvents.once(event, listener as (...args: unknown[]) => void);
      return app;
    },
    quit: () => {
      log.push('app.quit');
      quitting = true;
      const beforeQuit = fakeEvent();
      appEvents.emit('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return;
      for (const window of FakeBrowserWindow.getAllWindows()) window.close();
      if (FakeBrowserWindow.getAllWindows().length > 0) return;
      const willQuit = fakeEvent();
      appEvents.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) return;
      log.push('app quit');
      appEvents.emit('quit', fakeEvent(), 0);
    },
  } satisfies Fake<Electron.App>;
  let quitting = false;

  const privileged: Electron.CustomScheme[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: (schemes: Electron.CustomScheme[]) => {
      // Electron: "This method can only be used before the ready event of the app module gets emitted".
      if (ready) throw new Error('protocol.registerSchemesAsPrivileged must be called before app is ready');
      log.push(`protocol.registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join(',')}`);
      privileged.push(...schemes);
    },
    handle: (scheme: string, handler: (request: GlobalRequest) => GlobalResponse | Promise<GlobalResponse>) => {
      requireReady('protocol.handle');
      if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      log.push(`protocol.handle ${scheme}`);
      protocolHandlers.set(scheme, handler);
    },
  } satisfies Fake<Electron.Protocol>;

  type Invoke = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;
  const ipcHandlers = new Map<string, Invoke>();
  const ipcMain = {
    handle: (channel: string, listener: Invoke) => {
      // Electron refuses a second handler for a channel the same way.
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, listener);
      log.push(`ipcMain.handle ${channel}`);
    },
    removeHandler: (channel: string) => {
      ipcHandlers.delete(channel);
    },
  } satisfies Fake<Electron.IpcMain>;

  class FakeSession extends EventEmitter implements Fake<Electron.Session> {
    permissionRequest: Parameters<Electron.Session['setPermissionRequestHandler']>[0] = null;
    permissionCheck: Parameters<Electron.Session['setPermissionCheckHandler']>[0] = null;
    setPermissionRequestHandler(handler: Parameters<Electron.Session['setPermissionRequestHandler']>[0]) {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: Parameters<Electron.Session['setPermissionCheckHandler']>[0]) {
      this.permissionCheck = handler;
    }
  }
  const defaultSession = new FakeSession();
  const session = {
    get defaultSession() {
      requireReady('session.defaultSession');
      return defaultSession;
    },
  } satisfies Fake<typeof Electron.session>;

  class FakeWebContents extends EventEmitter implements Fake<Electron.WebContents> {
    readonly id = nextId++;
    readonly mainFrame: FakeFrame;
    readonly sent: { channel: string; args: unknown[] }[] = [];
    /** What the page's preload listens to (see loadPreload). */
    readonly renderer = new EventEmitter();
    openHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null;
    destroyed = false;
    constructor() {
      super();
      this.mainFrame = { url: '', parent: null, detached: false, processId: this.id, routingId: 1, origin: '' };
    }
    setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]) {
      this.openHandler = handler;
    }
    send(channel: string, ...args: unknown[]) {
      this.sent.push({ channel, args });
      this.renderer.emit(channel, fakeEvent(), ...args);
    }
    getURL() {
      return this.mainFrame.url;
    }
    isDestroyed() {
      return this.destroyed;
    }
  }

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter implements Fake<Electron.BrowserWindow> {
    static getAllWindows() {
      return windows.filter((w) => !w.destroyed);
    }
    readonly options: Electron.BrowserWindowConstructorOptions;
    readonly webContents = new FakeWebContents();
    bounds: Electron.Rectangle;
    visible = false;
    fullScreen: boolean;
    maximized = false;
    minimized = false;
    destroyed = false;
    constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
      super();
      requireReady('BrowserWindow');
      this.options = options;
      const primary = displays[0]!.workArea;
      const width = options.width ?? 800;
      const height = options.height ?? 600;
      this.bounds = {
        x: options.x ?? Math.round(primary.x + (primary.width - width) / 2),
        y: options.y ?? Math.round(primary.y + (primary.height - height) / 2),
        width,
        height,
      };
      this.fullScreen = options.fullscreen ?? false;
      windows.push(this);
      log.push(`new BrowserWindow ${options.title ?? ''}`.trim());
      // As in Electron: every new webContents is announced before anything loads in it.
      appEvents.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    loadURL(url: string) {
      this.webContents.mainFrame.url = url;
      this.webContents.mainFrame.origin = new URL(url).origin;
      // Nothing renders here; ready-to-show follows at once.
      setImmediate(() => this.emit('ready-to-show', fakeEvent()));
      return Promise.resolve();
    }
    show() {
      this.visible = true;
    }
    focus() {
      log.push(`focus ${this.options.title ?? ''}`.trim());
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return this.minimized;
    }
    minimize() {
      this.minimized = true;
    }
    restore() {
      this.minimized = false;
    }
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    isFullScreen() {
      return this.fullScreen;
    }
    setBounds(bounds: Partial<Electron.Rectangle>) {
      this.bounds = { ...this.bounds, ...bounds };
    }
    getBounds() {
      return this.bounds;
    }
    getNormalBounds() {
      return this.bounds;
    }
    close() {
      const event = fakeEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
      if (!quitting && FakeBrowserWindow.getAllWindows().length === 0) appEvents.emit('window-all-closed');
    }
  }

  const displays = (options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1080 }]).map((bounds, index) =>
    display(index + 1, bounds),
  );
  const screen = {
    getAllDisplays: () => {
      requireReady('screen');
      return displays;
    },
    getPrimaryDisplay: () => {
      requireReady('screen');
      return displays[0]!;
    },
  } satisfies Fake<Electron.Screen>;

  const opened: string[] = [];
  const shell = {
    openExternal: (url: string) => {
      opened.push(url);
      return Promise.resolve();
    },
  } satisfies Fake<Electron.Shell>;

  /** What the open dialog answers next (the test plays the secretary). */
  const dialogAnswers: Electron.OpenDialogReturnValue[] = [];
  const dialog = {
    showOpenDialog: (
      windowOrOptions: Electron.BaseWindow | Electron.OpenDialogOptions,
      options?: Electron.OpenDialogOptions,
    ) => {
      log.push(`dialog.showOpenDialog ${(options ?? (windowOrOptions as Electron.OpenDialogOptions)).title ?? ''}`);
      return Promise.resolve(dialogAnswers.shift() ?? { canceled: true, filePaths: [] });
    },
    showMessageBox: (options: Electron.MessageBoxOptions) => {
      log.push(`dialog.showMessageBox ${options.message}`);
      return Promise.resolve({ response: 0, checkboxChecked: false });
    },
  } satisfies Fake<Electron.Dialog>;

  const safeStorage = {
    isEncryptionAvailable: () => ready,
    getSelectedStorageBackend: () => options.storageBackend ?? 'gnome_libsecret',
    encryptString: (plain: string) => Buffer.from(`sealed:${plain}`),
    decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
  } satisfies Fake<Electron.SafeStorage>;

  const utilityProcesses: FakeUtilityProcess[] = [];
  const utilityProcess = {
    fork: (modulePath: string, args?: string[], forkOptions?: Electron.ForkOptions) => {
      // Electron: "utilityProcess.fork can only be called after the ready event has been emitted on App".
      requireReady('utilityProcess.fork');
      log.push(`utilityProcess.fork ${path.basename(modulePath)}`);
      const child = new FakeUtilityProcess(modulePath, args ?? [], forkOptions ?? {});
      utilityProcesses.push(child);
      return child;
    },
  } satisfies Fake<typeof Electron.utilityProcess>;

  let applicationMenu: Electron.MenuItemConstructorOptions[] | null = null;
  const Menu = {
    buildFromTemplate: (template: Array<Electron.MenuItemConstructorOptions | Electron.MenuItem>) => ({ template }),
    setApplicationMenu: (menu: Electron.Menu | null) => {
      applicationMenu =
        (menu as unknown as { template: Electron.MenuItemConstructorOptions[] } | null)?.template ?? null;
    },
  } satisfies Fake<typeof Electron.Menu>;

  const electron = {
    app,
    protocol,
    ipcMain,
    session,
    BrowserWindow: FakeBrowserWindow,
    screen,
    shell,
    dialog,
    safeStorage,
    Menu,
    utilityProcess,
  } satisfies { [K in keyof typeof Electron.CrossProcessExports]?: unknown };

  return {
    electron,
    log,
    privileged,
    protocolHandlers,
    ipcHandlers,
    defaultSession,
    opened,
    dialogAnswers,
    utilityProcesses,
    windows: () => FakeBrowserWindow.getAllWindows(),
    menu: () => applicationMenu,
    /** Electron's ready: from here windows, sessions and screens may be used. */
    async ready(): Promise<void> {
      ready = true;
      log.push('app ready');
      appEvents.emit('ready', fakeEvent(), {});
      resolveReady();
      // Let the shell's whenReady() continuation run to its end.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    emitApp(event: string, ...args: unknown[]) {
      return appEvents.emit(event, ...args);
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
export type FakeWindow = ReturnType<FakeElectron['windows']>[number];

function display(id: number, bounds: Electron.Rectangle): Electron.Display {
  return {
    accelerometerSupport: 'unknown',
    bounds,
    colorDepth: 24,
    colorSpace: '',
    depthPerComponent: 8,
    detected: true,
    displayFrequency: 60,
    id,
    internal: id === 1,
    label: `Display ${id}`,
    maximumCursorSize: { width: 64, height: 64 },
    monochrome: false,
    nativeOrigin: { x: bounds.x, y: bounds.y },
    rotation: 0,
    scaleFactor: 1,
    size: { width: bounds.width, height: bounds.height },
    touchSupport: 'unknown',
    workArea: { ...bounds, height: bounds.height - 40 },
    workAreaSize: { width: bounds.width, height: bounds.height - 40 },
  };
}
